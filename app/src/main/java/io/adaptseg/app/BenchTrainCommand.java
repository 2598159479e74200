package io.adaptseg.app;

import io.adaptseg.bench.TrainBenchmark;
import io.adaptseg.core.AdaptsegException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code adaptseg bench train}: seconds per iteration of the full reference network
 * ({@code deeplabv2-r101-multi}) at a small input and of the tiny variant, bare (method step alone)
 * and in the training loop, and their ratio (the loop's overhead).
 */
final class BenchTrainCommand implements Command {
    @Override
    public String name() {
        return "bench train";
    }

    @Override
    public String summary() {
        return "seconds per training iteration (r101 at a small input, tiny variant) and the loop's overhead";
    }

    @Override
    public String synopsis() {
        return "[--iterations N] [--methods source-only,advnet] [--large-size WxH] [--small-size WxH] [--batch N]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("iterations").hasArg().argName("N").desc("timed iterations per row (default 5)").build());
        o.addOption(Option.builder().longOpt("methods").hasArg().argName("LIST")
                .desc("methods to time (default source-only,advnet)").build());
        o.addOption(Option.builder().longOpt("large-size").hasArg().argName("WxH")
                .desc("input of deeplabv2-r101-multi (default 256x128)").build());
        o.addOption(Option.builder().longOpt("small-size").hasArg().argName("WxH")
                .desc("input of deeplabv2-tiny-multi (default 512x256)").build());
        o.addOption(Option.builder().longOpt("batch").hasArg().argName("N").desc("batch size (default 1, as the references)").build());
        return o;
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        int iterations = ScoreCommand.intOption(line, "iterations", 5, 1);
        int batch = ScoreCommand.intOption(line, "batch", 1, 1);
        ImageSize large = size(line, "large-size", "256x128");
        ImageSize small = size(line, "small-size", "512x256");
        List<String> methods = List.of(line.getOptionValue("methods", "source-only,advnet").split(","));
        Path work = Files.createTempDirectory("adaptseg-bench-train");
        try {
            List<TrainBenchmark.Row> rows = new ArrayList<>();
            for (var spec : List.of(new Object[] {"deeplabv2-r101-multi", large}, new Object[] {"deeplabv2-tiny-multi", small})) {
                String model = (String) spec[0];
                ImageSize size = (ImageSize) spec[1];
                Path data = work.resolve("data-" + size);
                if (!Files.isDirectory(data)) {
                    TrainBenchmark.generateData(data, size.width(), size.height(), 8);
                }
                for (String method : methods) {
                    out.printf(Locale.ROOT, "measuring %s %s at %s ...%n", model, method.trim(), size);
                    rows.add(TrainBenchmark.measure(model, method.trim(), size.width(), size.height(), batch, iterations, data,
                            work.resolve(model + "-" + method.trim())));
                    out.print(TrainBenchmark.table(rows.subList(rows.size() - 1, rows.size())));
                }
            }
            out.println();
            out.print(TrainBenchmark.table(rows));
            out.printf(Locale.ROOT, "bare = method step on one fixed batch; full = training loop (PNG decoding workers, "
                    + "schedules, metrics, log), marginal cost per iteration; %d cores, load average %.1f%n",
                    Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        } finally {
            try (Stream<Path> walk = Files.walk(work)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return Main.OK;
    }

    /** A WxH option of at least 64x32. */
    private static ImageSize size(CommandLine line, String option, String fallback) {
        return ImageSize.parse("--" + option, line.getOptionValue(option, fallback), 64, 32);
    }
}
