package io.adaptseg.app;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.OutputPaths;
import io.adaptseg.train.config.TrainConfig;
import io.adaptseg.train.method.CategoryAnchors;
import io.adaptseg.train.run.TrainingRun;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code adaptseg anchors}: CAG's category anchors of a checkpoint's model over the config's source
 * set, saved as {@code anchors.npz} (by default where the config's {@code anchors} key points, else
 * {@code <snapshot-dir>/anchors.npz}).
 */
final class AnchorsCommand implements Command {
    @Override
    public String name() {
        return "anchors";
    }

    @Override
    public String summary() {
        return "compute CAG's category anchors of a checkpoint over the source set";
    }

    @Override
    public String synopsis() {
        return "--checkpoint DIR --config FILE [--set key=value ...] [--out anchors.npz]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("checkpoint").hasArg().argName("DIR")
                .desc("checkpoint (iter_<n>/, best/, a snapshot folder's newest) or a G.npz weight file").build());
        o.addOption(Option.builder().longOpt("config").hasArg().argName("FILE")
                .desc("training config: model, source data, input-size, batch-size, anchor-min-pixels").build());
        o.addOption(Option.builder().longOpt("set").hasArgs().argName("KEY=VALUE").desc("override a config value").build());
        o.addOption(Option.builder().longOpt("out").hasArg().argName("FILE")
                .desc("output npz (default: the config's anchors, else <snapshot-dir>/anchors.npz)").build());
        return o;
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        String checkpoint = line.getOptionValue("checkpoint");
        String configFile = line.getOptionValue("config");
        if (checkpoint == null || configFile == null) {
            throw new UsageException("--checkpoint DIR and --config FILE are required");
        }
        List<String> sets = TrainCommand.sets(line);
        Path file = Path.of(configFile);
        if (!Files.isRegularFile(file)) {
            throw new AdaptsegException(file + ": config file not found (--config; configs are in configs/)");
        }
        TrainConfig config = TrainConfig.read(file, sets);
        Path target = line.hasOption("out") ? Path.of(line.getOptionValue("out"))
                : config.cag().anchors().orElse(config.schedule().snapshotDir().resolve("anchors.npz"));
        OutputPaths.requireWritableFile(target, line.hasOption("out") ? "--out" : "the anchors file (--out)");
        TrainingRun run = TrainingRun.prepare(config);
        long t0 = System.nanoTime();
        CategoryAnchors anchors = run.computeAnchors(Path.of(checkpoint), out);
        anchors.save(target);
        out.printf(Locale.ROOT, "wrote %s (%d classes x %d) in %.1f s%n", target, anchors.numClasses(), anchors.dimension(),
                (System.nanoTime() - t0) / 1e9);
        return Main.OK;
    }
}
