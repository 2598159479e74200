package io.adaptseg.app;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.synth.SynthConfig;
import io.adaptseg.synth.SynthDataset;
import io.adaptseg.synth.SynthGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code adaptseg synth}: writes the synthetic two-domain dataset (GTA5-, SYNTHIA- and Cityscapes-like). */
final class SynthCommand implements Command {
    private static final String OUT = "out";
    private static final String SEED = "seed";
    private static final String SIZE = "size";
    private static final String SOURCE_COUNT = "source-count";
    private static final String TARGET_TRAIN = "target-train";
    private static final String TARGET_VAL = "target-val";
    private static final String DATASETS = "datasets";
    private static final String THREADS = "threads";
    private static final String OVERWRITE = "overwrite";

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
        SynthConfig d = SynthConfig.defaults();
        Options o = new Options();
        o.addOption(Option.builder().longOpt(OUT).hasArg().argName("DIR").desc("output directory (required)").build());
        o.addOption(Option.builder().longOpt(SEED).hasArg().argName("N").desc("random seed (default " + d.seed() + ")").build());
        o.addOption(Option.builder().longOpt(SIZE).hasArg().argName("WxH")
                .desc("image width x height in pixels (default " + d.width() + "x" + d.height() + ")").build());
        o.addOption(Option.builder().longOpt(SOURCE_COUNT).hasArg().argName("N")
                .desc("images per source dataset (default " + d.sourceCount() + ")").build());
        o.addOption(Option.builder().longOpt(TARGET_TRAIN).hasArg().argName("N")
                .desc("target train images (default " + d.targetTrain() + ")").build());
        o.addOption(Option.builder().longOpt(TARGET_VAL).hasArg().argName("N")
                .desc("target val images (default " + d.targetVal() + ")").build());
        o.addOption(Option.builder().longOpt(DATASETS).hasArg().argName("LIST")
                .desc("comma-separated datasets to write: gta5, synthia, cityscapes (default all)").build());
        o.addOption(Option.builder().longOpt(THREADS).hasArg().argName("N")
                .desc("worker threads (default: the number of cores)").build());
        o.addOption(Option.builder().longOpt(OVERWRITE)
                .desc("replace what --out holds: first removes the generator's folders (gta5, synthia, cityscapes, *_list) and synth.json; other files stay").build());
        return o;
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        SynthConfig d = SynthConfig.defaults();
        if (!line.hasOption(OUT)) {
            throw new UsageException("--out DIR is required");
        }
        Path dir = Path.of(line.getOptionValue(OUT));
        ImageSize size = line.hasOption(SIZE)
                ? ImageSize.parse("--" + SIZE, line.getOptionValue(SIZE), SynthConfig.MIN_SIDE)
                : new ImageSize(d.width(), d.height());
        SynthConfig config;
        try {
            config = new SynthConfig(parseLong(line, SEED, d.seed()), size.height(), size.width(),
                    parseInt(line, SOURCE_COUNT, d.sourceCount()), parseInt(line, TARGET_TRAIN, d.targetTrain()),
                    parseInt(line, TARGET_VAL, d.targetVal()), parseDatasets(line.getOptionValue(DATASETS)),
                    parseInt(line, THREADS, d.threads()));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        out.printf(Locale.ROOT, "synth: %d images of %dx%d (width x height), seed %d, %d threads -> %s%n",
                config.totalImages(), config.width(), config.height(), config.seed(), config.threads(), dir);
        long total = config.totalImages();
        long step = Math.max(1, total / 10);
        long cpuBefore = processCpuNanos();
        SynthGenerator.Report report = SynthGenerator.generate(config, dir, line.hasOption(OVERWRITE), n -> {
            if (n % step == 0 && n < total) {
                synchronized (out) {
                    out.printf(Locale.ROOT, "  %d/%d images%n", n, total);
                }
            }
        });
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

    private static int parseInt(CommandLine line, String option, int fallback) {
        long v = parseLong(line, option, fallback);
        if (v != (int) v) {
            throw new UsageException("--" + option + " is too large, found " + v);
        }
        return (int) v;
    }

    private static long parseLong(CommandLine line, String option, long fallback) {
        String text = line.getOptionValue(option);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + option + " must be an integer, found '" + text + "'");
        }
    }

    private static Set<SynthDataset> parseDatasets(String text) {
        if (text == null) {
            return EnumSet.allOf(SynthDataset.class);
        }
        Set<SynthDataset> set = EnumSet.noneOf(SynthDataset.class);
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                try {
                    set.add(SynthDataset.byId(part));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--datasets: " + e.getMessage());
                }
            }
        }
        return set;
    }
}
