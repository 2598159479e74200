package io.adaptseg.app;

import io.adaptseg.train.device.DeviceAvailability;
import io.adaptseg.train.device.TrainingDevice;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.OutputPaths;
import io.adaptseg.core.io.FolderLock;
import io.adaptseg.core.progress.Terminal;
import io.adaptseg.train.checkpoint.Checkpoint;
import io.adaptseg.train.checkpoint.TrainingState;
import io.adaptseg.train.config.TrainConfig;
import io.adaptseg.train.run.CagStages;
import io.adaptseg.train.run.TrainingRun;
import io.adaptseg.train.translation.TranslatorRun;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code adaptseg train}: runs a training config. With {@code --resume-from DIR} the run continues from a
 * checkpoint ({@code iter_<n>/} or a snapshot directory, newest checkpoint) with the config saved in
 * it, unless {@code --config} names another; {@code --set} overrides apply in both cases (for example
 * {@code --set num-steps-stop=200000} to train further). A run resumed with the saved config continues in
 * the snapshot folder it was resumed from (a copy stays a copy), unless {@code --set snapshot-dir=} names
 * another. With {@code --stages N} a {@code method: cag}
 * config runs CAG's multi-stage schedule ({@link CagStages}).
 */
final class TrainCommand implements Command {
    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train a segmenter (source-only, AdvNet, CLAN, MaxSquare, CAG) or the AdaIN style translator from a YAML config;"
                + " resume; CAG stages";
    }

    @Override
    public String synopsis() {
        return "--config FILE [--set key=value ...] [--device cpu|gpu|gpu:N] [--resume-from DIR | --stages N]";
    }

    private static final String SNAPSHOT_DIR = "snapshot-dir";
    static final OptionSpec<Path> CONFIG = OptionSpec.of("config", "FILE", Parsers.PATH,
            "training config (YAML, reference option names; see configs/)");
    private static final OptionSpec<Path> RESUME_FROM = OptionSpec.of("resume-from", "DIR", Parsers.PATH,
            "continue from a checkpoint directory or the newest checkpoint of a snapshot directory");
    private static final OptionSpec<Integer> STAGES = OptionSpec.of("stages", "N", Parsers.integer(1),
            "method cag: an AdvNet warm-up (unless predictor-from is set), then N CAG stages, each with anchors"
                    + " and pseudo-labels from the previous stage; summary in <snapshot-dir>/stages.json");

    /** No default of its own: absent, the config's {@code device} key (default cpu) holds; given, it is {@code --set device=...}. */
    private static final OptionSpec<TrainingDevice> DEVICE = CommonOptions.DEVICE;

    @Override
    public Options options() {
        return OptionList.of(CONFIG, CommonOptions.SET, DEVICE, RESUME_FROM, STAGES);
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        List<String> sets = sets(line);
        Optional<Path> resume = RESUME_FROM.optional(line);
        if (STAGES.given(line)) {
            if (resume.isPresent()) {
                throw new UsageException("--stages and --resume-from cannot be combined (each stage starts from the previous one)");
            }
            int stages = STAGES.value(line);
            TrainConfig config = deviceChecked(config(CONFIG.optional(line), resume, sets));
            long t0 = System.nanoTime();
            List<CagStages.Stage> done;
            try (FolderLock lock = lockSnapshots(config)) {
                done = CagStages.run(config, stages, out, System.err, Terminal.isInteractive(System.err));
            }
            out.println();
            out.print(CagStages.table(done));
            out.printf(Locale.ROOT, "%d stages in %.1f s; summary in %s%n", stages, (System.nanoTime() - t0) / 1e9,
                    config.schedule().snapshotDir().resolve(CagStages.SUMMARY));
            return Main.OK;
        }
        TrainConfig config = deviceChecked(config(CONFIG.optional(line), resume, sets));
        try (FolderLock lock = lockSnapshots(config)) {
            return train(config, resume, out);
        }
    }

    /** A second run into the same snapshot-dir stops instead of deleting this one's checkpoint writes as leftovers. */
    /** {@code config}, once its device is there: a missing GPU is one line before the snapshot folder is locked (created). */
    private static TrainConfig deviceChecked(TrainConfig config) throws AdaptsegException {
        DeviceAvailability.require(config.run().device(), config.origin() + ": device");
        return config;
    }

    private static FolderLock lockSnapshots(TrainConfig config) throws AdaptsegException {
        return FolderLock.acquire(config.schedule().snapshotDir(), "snapshot-dir");
    }

    private static int train(TrainConfig config, Optional<Path> resume, PrintStream out)
            throws AdaptsegException, IOException {
        if (config.run().kind().trainsTranslator()) {
            return translator(config, resume, out);
        }
        TrainingRun run = TrainingRun.prepare(config);
        OutputPaths.requireWritableFolder(config.schedule().snapshotDir(), "snapshot-dir");
        out.println("config " + config.origin() + ": model " + config.run().model() + ", method "
                + config.run().method() + "; " + run.describeData());
        long t0 = System.nanoTime();
        TrainingState end = run.run(resume, out, System.err, Terminal.isInteractive(System.err));
        out.printf(Locale.ROOT, "done at iteration %d in %.1f s; checkpoints in %s%s%n", end.iteration(),
                (System.nanoTime() - t0) / 1e9, config.schedule().snapshotDir(),
                Double.isNaN(end.bestMeanIou()) ? ""
                        : String.format(Locale.ROOT, "; best mIoU %.2f at iteration %d", 100 * end.bestMeanIou(),
                                end.bestIteration()));
        return Main.OK;
    }

    /** The --set overrides, with --device as one more ({@code device=...}); both naming the device is a usage error. */
    static List<String> sets(CommandLine line) {
        List<String> sets = CommonOptions.sets(line);
        if (!DEVICE.given(line)) {
            return sets;
        }
        if (sets.stream().anyMatch(s -> s.substring(0, s.indexOf('=')).trim().equals("device"))) {
            throw new UsageException("--device and --set device=... name the device twice; give one");
        }
        List<String> all = new java.util.ArrayList<>(sets);
        all.add("device=" + DEVICE.value(line));
        return List.copyOf(all);
    }

    /** {@code method: adain} or {@code vgg-pretrain}: the style translator or its encoder, through the same loop, checkpoints and resume. */
    private static int translator(TrainConfig config, Optional<Path> resume, PrintStream out)
            throws AdaptsegException, IOException {
        TranslatorRun run = TranslatorRun.prepare(config);
        OutputPaths.requireWritableFolder(config.schedule().snapshotDir(), "snapshot-dir");
        out.println("config " + config.origin() + ": model " + config.run().model() + ", method " + config.run().method() + "; "
                + run.describeData());
        long t0 = System.nanoTime();
        TrainingState end = run.run(resume, out, System.err, Terminal.isInteractive(System.err));
        out.printf(Locale.ROOT, "done at iteration %d in %.1f s; checkpoints in %s%n", end.iteration(),
                (System.nanoTime() - t0) / 1e9, config.schedule().snapshotDir());
        return Main.OK;
    }

    /** The config of --config, or the one saved in the checkpoint of --resume-from, with the --set overrides. */
    static TrainConfig config(Optional<Path> configFile, Optional<Path> resume, List<String> sets) throws AdaptsegException {
        if (configFile.isPresent()) {
            return readConfig(configFile.get(), sets);
        }
        if (resume.isEmpty()) {
            throw new UsageException("--config FILE is required (or --resume-from DIR to continue with the saved config)");
        }
        Path checkpoint = Checkpoint.resolve(resume.get());
        TrainConfig saved = TrainConfig.readSaved(checkpoint.resolve(Checkpoint.CONFIG_FILE), sets);
        if (sets.stream().anyMatch(s -> s.indexOf('=') > 0 && s.substring(0, s.indexOf('=')).trim().equals(SNAPSHOT_DIR))) {
            return saved;
        }
        // the saved snapshot-dir is where the run was trained: a copied snapshot folder must continue in the
        // copy, never write new checkpoints into the original
        Path folder = checkpoint.equals(resume.get()) ? snapshotFolderOf(checkpoint) : resume.get();
        return saved.withSchedule(x -> x.withSnapshotDir(folder));
    }

    /** The snapshot folder a checkpoint folder lies in ({@code iter_<n>/}, {@code best/}). */
    private static Path snapshotFolderOf(Path checkpoint) {
        Path parent = checkpoint.getParent();
        return parent != null ? parent : checkpoint.toAbsolutePath().normalize().getParent();
    }

    /** The config file of --config, with the --set overrides; a missing file or a folder named as such. */
    static TrainConfig readConfig(Path file, List<String> sets) throws AdaptsegException {
        if (Files.isDirectory(file)) {
            throw new AdaptsegException(file + ": is a folder, expected a YAML config file (--config; configs are in configs/)");
        }
        if (!Files.isRegularFile(file)) {
            throw new AdaptsegException(file + ": config file not found (--config; configs are in configs/)");
        }
        return TrainConfig.read(file, sets);
    }
}
