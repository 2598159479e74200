package io.adaptseg.app;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.train.checkpoint.Checkpoint;
import io.adaptseg.train.checkpoint.TrainingState;
import io.adaptseg.train.config.TrainConfig;
import io.adaptseg.train.run.CagStages;
import io.adaptseg.train.run.TrainingRun;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code adaptseg train}: runs a training config. With {@code --resume DIR} the run continues from a
 * checkpoint ({@code iter_<n>/} or a snapshot directory, newest checkpoint) with the config saved in
 * it, unless {@code --config} names another; {@code --set} overrides apply in both cases (for example
 * {@code --set num-steps-stop=200000} to train further). With {@code --stages N} a {@code method: cag}
 * config runs CAG's multi-stage schedule ({@link CagStages}).
 */
final class TrainCommand implements Command {
    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train a segmenter (source-only, AdvNet, CLAN, MaxSquare, CAG) from a YAML config; resume; CAG stages";
    }

    @Override
    public String synopsis() {
        return "--config FILE [--set key=value ...] [--resume DIR | --stages N]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("config").hasArg().argName("FILE")
                .desc("training config (YAML, reference option names; see configs/)").build());
        o.addOption(Option.builder().longOpt("set").hasArgs().argName("KEY=VALUE")
                .desc("override a config value (repeatable), e.g. --set num-steps-stop=100").build());
        o.addOption(Option.builder().longOpt("resume").hasArg().argName("DIR")
                .desc("continue from a checkpoint directory or the newest checkpoint of a snapshot directory").build());
        o.addOption(Option.builder().longOpt("stages").hasArg().argName("N")
                .desc("method cag: an AdvNet warm-up (unless predictor-from is set), then N CAG stages, each with anchors"
                        + " and pseudo-labels from the previous stage; summary in <snapshot-dir>/stages.json").build());
        return o;
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        List<String> sets = line.hasOption("set") ? List.of(line.getOptionValues("set")) : List.of();
        Optional<Path> resume = Optional.ofNullable(line.getOptionValue("resume")).map(Path::of);
        if (line.hasOption("stages")) {
            if (resume.isPresent()) {
                throw new UsageException("--stages and --resume cannot be combined (each stage starts from the previous one)");
            }
            int stages = ScoreCommand.intOption(line, "stages", 1, 1);
            TrainConfig config = config(line.getOptionValue("config"), resume, sets);
            long t0 = System.nanoTime();
            List<CagStages.Stage> done = CagStages.run(config, stages, out, System.err, System.console() != null);
            out.println();
            out.print(CagStages.table(done));
            out.printf(Locale.ROOT, "%d stages in %.1f s; summary in %s%n", stages, (System.nanoTime() - t0) / 1e9,
                    config.schedule().snapshotDir().resolve(CagStages.SUMMARY));
            return Main.OK;
        }
        TrainConfig config = config(line.getOptionValue("config"), resume, sets);
        TrainingRun run = TrainingRun.prepare(config);
        out.println("config " + config.origin() + ": model " + config.run().model() + ", method "
                + config.run().method() + "; " + run.describeData());
        long t0 = System.nanoTime();
        TrainingState end = run.run(resume, out, System.err, System.console() != null);
        out.printf(Locale.ROOT, "done at iteration %d in %.1f s; checkpoints in %s%s%n", end.iteration(),
                (System.nanoTime() - t0) / 1e9, config.schedule().snapshotDir(),
                Double.isNaN(end.bestMeanIou()) ? ""
                        : String.format(Locale.ROOT, "; best mIoU %.2f at iteration %d", 100 * end.bestMeanIou(),
                                end.bestIteration()));
        return Main.OK;
    }

    /** The config of --config, or the one saved in the checkpoint of --resume, with the --set overrides. */
    static TrainConfig config(String configOption, Optional<Path> resume, List<String> sets) throws AdaptsegException {
        if (configOption != null) {
            Path file = Path.of(configOption);
            if (!Files.isRegularFile(file)) {
                throw new AdaptsegException(file + ": config file not found (--config; configs are in configs/)");
            }
            return TrainConfig.read(file, sets);
        }
        if (resume.isEmpty()) {
            throw new UsageException("--config FILE is required (or --resume DIR to continue with the saved config)");
        }
        Path saved = Checkpoint.resolve(resume.get()).resolve(Checkpoint.CONFIG_FILE);
        return TrainConfig.readSaved(saved, sets);
    }
}
