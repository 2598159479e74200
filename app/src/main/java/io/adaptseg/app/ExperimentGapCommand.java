package io.adaptseg.app;

import io.adaptseg.bench.experiment.GapExperiment;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.FolderLock;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code adaptseg experiment gap}: the domain gap on the synthetic domains (source-only on held-out
 * source vs on target) and AdvNet on target, with the same network, seed and schedule.
 */
final class ExperimentGapCommand implements Command {
    @Override
    public String name() {
        return "experiment gap";
    }

    @Override
    public String summary() {
        return "synthetic domain gap: source-only on held-out source and target, AdvNet on target";
    }

    @Override
    public String synopsis() {
        return "[--out DIR] [--iterations N] [--architecture NAME] [--size WxH] [--source-images N] [--target-images N]";
    }

    @Override
    public Options options() {
        return OPTIONS.options();
    }

    private static final ExperimentOptions OPTIONS = new ExperimentOptions(Path.of("experiments/gap"), 300);

    /** The options shared by the experiment commands, with each command's own defaults. */
    record ExperimentOptions(OptionSpec<Path> out, OptionSpec<Integer> iterations) {
        static final OptionSpec<String> ARCHITECTURE = CommonOptions.ARCHITECTURE.withDefault("deeplabv2-tiny-multi");
        static final OptionSpec<ImageSize> SIZE = CommonOptions.size(32, "image and input size")
                .withDefault(new ImageSize(128, 64));
        static final OptionSpec<Integer> SOURCE_IMAGES = OptionSpec.of("source-images", "N", Parsers.integer(8),
                "source images, a quarter held out").withDefault(120);
        static final OptionSpec<Integer> TARGET_IMAGES = OptionSpec.of("target-images", "N", Parsers.integer(4),
                "target train images; val gets half as many").withDefault(80);
        static final OptionSpec<Double> LR = OptionSpec.of("lr", "X", Parsers.number(0), "segmenter learning rate")
                .withDefault(() -> 1e-2, "1e-2");

        ExperimentOptions(Path defaultOut, int defaultIterations) {
            this(CommonOptions.OUT_DIR.withDefault(defaultOut),
                    OptionSpec.of("iterations", "N", Parsers.integer(1), "iterations per run").withDefault(defaultIterations));
        }

        Options options() {
            return OptionList.of(out, iterations, ARCHITECTURE, SIZE, SOURCE_IMAGES, TARGET_IMAGES, LR);
        }

        GapExperiment.Settings settings(CommandLine line) {
            ImageSize size = SIZE.value(line);
            int sourceImages = SOURCE_IMAGES.value(line);
            int targetImages = TARGET_IMAGES.value(line);
            return new GapExperiment.Settings(out.value(line), ARCHITECTURE.value(line), size.width(), size.height(),
                    sourceImages, sourceImages / 4, targetImages, Math.max(2, targetImages / 2), iterations.value(line), 2,
                    LR.value(line), 1234);
        }
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        var settings = OPTIONS.settings(line);
        long t0 = System.nanoTime();
        List<GapExperiment.Result> results;
        try (FolderLock lock = FolderLock.acquire(settings.out(), "--out")) {
            results = GapExperiment.run(settings, out, System.err);
        }
        out.println();
        out.print(GapExperiment.table(settings, results));
        out.printf(Locale.ROOT, "%ntotal %.0f s; table written to %s%n", (System.nanoTime() - t0) / 1e9,
                settings.out().resolve("gap.md"));
        return Main.OK;
    }
}
