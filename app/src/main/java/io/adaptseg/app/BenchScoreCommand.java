package io.adaptseg.app;

import io.adaptseg.bench.ScoreBenchmark.Measurement;
import io.adaptseg.bench.ScoreBenchmark;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.FileTrees;
import io.adaptseg.core.scoring.ScorePair;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
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
        return "[--pairs N] [--size WxH] [--threads N] [--keep DIR]";
    }

    private static final OptionSpec<Integer> PAIRS = OptionSpec.of("pairs", "N", Parsers.integer(1),
            "pairs to generate").withDefault(60);
    private static final OptionSpec<ImageSize> SIZE = CommonOptions.size(64, "image size")
            .withDefault(new ImageSize(2048, 1024));
    private static final OptionSpec<Integer> THREADS = CommonOptions.threads(
            "threads of the parallel column; 1 is always measured");

    private static final OptionSpec<Path> KEEP = OptionSpec.of("keep", "DIR", Parsers.PATH,
            "write the pairs into DIR (gt/, pred/) and keep them, e.g. to time whole `adaptseg score` processes"
                    + " against another scorer (scripts/bench-score-process.sh)");

    @Override
    public Options options() {
        return OptionList.of(PAIRS, SIZE, THREADS, KEEP);
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        int count = PAIRS.value(line);
        ImageSize size = SIZE.value(line);
        int threads = THREADS.value(line);
        boolean keep = KEEP.given(line);
        Path dir = keep ? KEEP.value(line) : Files.createTempDirectory("adaptseg-bench-score");
        if (keep && Files.exists(dir)) {
            throw new AdaptsegException("--keep " + dir + ": already exists; name a new folder");
        }
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
            out.println(CommonOptions.loadLine());
        } finally {
            if (!keep) {
                FileTrees.delete(dir);
            }
        }
        return Main.OK;
    }
}
