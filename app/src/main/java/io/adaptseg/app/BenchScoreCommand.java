package io.adaptseg.app;

import io.adaptseg.bench.ScoreBenchmark.Measurement;
import io.adaptseg.bench.ScoreBenchmark;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.scoring.ScorePair;
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

/** {@code adaptseg bench score}: scoring throughput (PNG decode included) on generated label pairs. */
final class BenchScoreCommand implements Command {
    @Override
    public String name() {
        return "bench score";
    }

    @Override
    public String summary() {
        return "measure scoring throughput (pairs/s, decode included) on generated label pairs";
    }

    @Override
    public String synopsis() {
        return "[--pairs N] [--size WxH] [--threads N]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("pairs").hasArg().argName("N").desc("pairs to generate (default 60)").build());
        o.addOption(Option.builder().longOpt("size").hasArg().argName("WxH").desc("image size (default 2048x1024)").build());
        o.addOption(Option.builder().longOpt("threads").hasArg().argName("N")
                .desc("threads of the parallel column (default: all cores); 1 is always measured").build());
        return o;
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        int count = ScoreCommand.intOption(line, "pairs", 60, 1);
        ImageSize size = ImageSize.parse("--size", line.getOptionValue("size", "2048x1024"), 64);
        int threads = ScoreCommand.intOption(line, "threads", Runtime.getRuntime().availableProcessors(), 1);
        Path dir = Files.createTempDirectory("adaptseg-bench-score");
        try {
            long t0 = System.nanoTime();
            List<ScorePair> pairs = ScoreBenchmark.generate(dir, count, size.width(), size.height(), 42, threads);
            out.printf(Locale.ROOT, "generated %d pairs of %s in %s (%.1f s)%n", count, size, dir,
                    (System.nanoTime() - t0) / 1e9);
            // Warm-up so that the JIT has compiled the decoder and the counting loop before timing.
            ScoreBenchmark.measure(pairs.subList(0, Math.min(pairs.size(), 2 * threads + 4)), threads);
            List<Measurement> rows = new ArrayList<>();
            rows.add(ScoreBenchmark.measure(pairs, 1));
            if (threads > 1) {
                rows.add(ScoreBenchmark.measure(pairs, threads));
            }
            out.printf(Locale.ROOT, "%-8s %8s %8s %16s %16s%n", "threads", "pairs/s", "wall s", "decode ms/pair",
                    "count ms/pair");
            for (Measurement m : rows) {
                out.printf(Locale.ROOT, "%-8d %8.1f %8.2f %16.1f %16.1f%n", m.threads(), m.pairsPerSecond(),
                        m.wallSeconds(), m.decodeMsPerPair(), m.countMsPerPair());
            }
            out.println("decode = reading both PNGs (summed over workers); count = id mapping + confusion matrix");
            // Other processes on the machine change these numbers a lot; print the load so readers can tell.
            out.printf(Locale.ROOT, "system load average %.2f on %d cores%n",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
        } finally {
            deleteTree(dir);
        }
        return Main.OK;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
