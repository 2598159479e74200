package io.adaptseg.app;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.OutputPaths;
import io.adaptseg.core.io.FolderLock;
import io.adaptseg.synth.SynthConfig;
import io.adaptseg.synth.SynthDataset;
import io.adaptseg.synth.SynthGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** {@code adaptseg synth}: writes the synthetic two-domain dataset (GTA5-, SYNTHIA- and Cityscapes-like). */
final class SynthCommand implements Command {
    private static final SynthConfig DEFAULTS = SynthConfig.defaults();
    private static final OptionSpec<Path> OUT = CommonOptions.OUT_DIR.required();
    private static final OptionSpec<Long> SEED = OptionSpec.of("seed", "N", Parsers.longInteger(Long.MIN_VALUE),
            "random seed").withDefault(DEFAULTS.seed());
    private static final OptionSpec<ImageSize> SIZE = CommonOptions.size(SynthConfig.MIN_SIDE,
            "image width x height in pixels").withDefault(new ImageSize(DEFAULTS.width(), DEFAULTS.height()));
    private static final OptionSpec<Integer> SOURCE_COUNT = OptionSpec.of("source-count", "N", Parsers.integer(0),
            "images per source dataset").withDefault(DEFAULTS.sourceCount());
    private static final OptionSpec<Integer> TARGET_TRAIN = OptionSpec.of("target-train", "N", Parsers.integer(0),
            "target train images").withDefault(DEFAULTS.targetTrain());
    private static final OptionSpec<Integer> TARGET_VAL = OptionSpec.of("target-val", "N", Parsers.integer(0),
            "target val images").withDefault(DEFAULTS.targetVal());
    private static final OptionSpec<List<SynthDataset>> DATASETS = OptionSpec.of("datasets", "LIST",
            Parsers.list(Parsers.choice(SynthDataset::byId)), "datasets to write: gta5, synthia, cityscapes")
            .withDefault(List.of(SynthDataset.values()), "all");
    private static final OptionSpec<Integer> THREADS = CommonOptions.threads("worker threads");
    private static final Flag OVERWRITE = new Flag("overwrite", "replace what --out holds: first removes the"
            + " generator's folders (gta5, synthia, cityscapes, *_list) and synth.json; other files stay");

    @Override
    public String name() {
        return "synth";
    }

    @Override
    public String summary() {
        return "generate the synthetic street-scene datasets (GTA5-, SYNTHIA- and Cityscapes-like)";
    }

    @Override
    public String synopsis() {
        return "--out DIR [--seed 1] [--size 512x256] [--source-count N] [--target-train N] [--target-val N] "
                + "[--datasets gta5,synthia,cityscapes] [--threads N] [--overwrite]";
    }

    @Override
    public Options options() {
        return OptionList.of(OUT, SEED, SIZE, SOURCE_COUNT, TARGET_TRAIN, TARGET_VAL, DATASETS, THREADS, OVERWRITE);
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        Path dir = OUT.value(line);
        ImageSize size = SIZE.value(line);
        SynthConfig config;
        try {
            // the counts are checked together (at least one image, val needs train) by the config itself
            config = new SynthConfig(SEED.value(line), size.height(), size.width(), SOURCE_COUNT.value(line),
                    TARGET_TRAIN.value(line), TARGET_VAL.value(line), EnumSet.copyOf(DATASETS.value(line)),
                    THREADS.value(line));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        OutputPaths.requireWritableFolder(dir, "--out"); // one line, not the file system's exception, when read-only
        out.printf(Locale.ROOT, "synth: %d images of %dx%d (width x height), seed %d, %d threads -> %s%n",
                config.totalImages(), config.width(), config.height(), config.seed(), config.threads(), dir);
        long total = config.totalImages();
        long step = Math.max(1, total / 10);
        long cpuBefore = processCpuNanos();
        SynthGenerator.Report report;
        try (FolderLock lock = FolderLock.acquire(dir, "--out")) {
            report = SynthGenerator.generate(config, dir, OVERWRITE.given(line), n -> {
                if (n % step == 0 && n < total) {
                    synchronized (out) {
                        out.printf(Locale.ROOT, "  %d/%d images%n", n, total);
                    }
                }
            });
        }
        double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
        for (SynthGenerator.Written w : report.datasets()) {
            out.printf(Locale.ROOT, "  %-10s %6d images  %s (%s)%n", w.dataset().id(), w.images(), w.folder(), layout(w.dataset()));
        }
        for (Path list : report.lists()) {
            out.printf(Locale.ROOT, "  list       %s%n", list);
        }
        out.printf(Locale.ROOT, "  manifest   %s%n", report.manifest());
        out.printf(Locale.ROOT, "%d images in %.2f s: %.1f images/s on %d threads (%.1f ms CPU per image)%n",
                report.images(), report.seconds(), report.imagesPerSecond(), config.threads(),
                report.images() == 0 ? 0.0 : cpuSeconds * 1000 / report.images());
        return Main.OK;
    }

    private static String layout(SynthDataset d) {
        return switch (d) {
            case GTA5 -> "images/, labels/ labelIds";
            case SYNTHIA -> "RGB/, GT/LABELS/ 16-bit";
            case CITYSCAPES -> "leftImg8bit/, gtFine/ train+val";
        };
    }

    /** Process CPU time (all threads, JIT and GC included), or 0 where the JVM does not report it. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }
}
