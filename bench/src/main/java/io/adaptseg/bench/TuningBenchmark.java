package io.adaptseg.bench;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.model.TensorNames;
import io.adaptseg.runtime.SegmentationSession;
import io.adaptseg.runtime.backend.BackendKind;
import io.adaptseg.runtime.backend.BackendOptions;
import io.adaptseg.runtime.backend.GraphOptimization;
import io.adaptseg.runtime.backend.OperatorTimes;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * Times one model under several ONNX Runtime session settings side by side: every session is open
 * at once and the runs go round-robin, one run per session per round, so that a change in the
 * machine's load falls on all of them alike and the ratios stay comparable. The first variant's
 * last warm-up run is profiled, which says where its time goes per operator type.
 */
public final class TuningBenchmark {
    /** What to measure; {@code base} carries the command's providers, threads and library. */
    public record Plan(Path model, List<TuningVariant> variants, BackendOptions base, int iterations, int warmup,
                       Path workDir) {
        public Plan {
            if (variants.isEmpty()) {
                throw new IllegalArgumentException("no variants to time");
            }
            variants = List.copyOf(variants);
        }
    }

    /** One variant's numbers. */
    public record Row(TuningVariant variant, double loadSeconds, LatencyStats latency, String placement) {
    }

    /** All rows, in the plan's order, and the first variant's operator times. */
    public record Result(List<Row> rows, Optional<OperatorTimes> profile, int height, int width) {
    }

    private TuningBenchmark() {
    }

    public static Result run(Plan plan, PrintStream log) throws AdaptsegException {
        Path optimized = plan.workDir().resolve("optimized.onnx");
        if (plan.variants().stream().anyMatch(TuningVariant::cached)) {
            log.println("writing the optimised graph once (optimized_model_filepath) for the cached variant...");
            BackendOptions writer = plan.base().withTuning(plan.base().tuning().withOptimizedModel(optimized));
            try (SegmentationSession ignored = SegmentationSession.open(plan.model(), BackendKind.JAVA, writer)) {
                // creating the session writes the file
            }
        }
        List<SegmentationSession> sessions = new ArrayList<>();
        List<Double> loads = new ArrayList<>();
        try {
            int profiled = Math.max(1, plan.warmup());
            for (TuningVariant v : plan.variants()) {
                BackendOptions options = v.settings().apply(plan.base());
                Path file = plan.model();
                if (v.cached()) {
                    // the saved graph is already optimised: loading it at level none skips that work
                    options = options.withTuning(options.tuning().withOptimization(GraphOptimization.NONE));
                    file = optimized;
                }
                if (sessions.isEmpty()) {
                    options = options.withProfiledRuns(profiled);
                }
                long t0 = System.nanoTime();
                sessions.add(SegmentationSession.open(file, v.backend(), options));
                loads.add((System.nanoTime() - t0) / 1e9);
                log.printf(Locale.ROOT, "opened %-28s in %.2f s%n", v.name(), loads.getLast());
            }
            int h = sessions.getFirst().model().inputHeight();
            int w = sessions.getFirst().model().inputWidth();
            float[] input = new float[3 * h * w];
            Random random = new Random(2);
            for (int i = 0; i < input.length; i++) {
                input[i] = (float) random.nextGaussian();
            }
            double[][] millis = new double[sessions.size()][plan.iterations()];
            List<String> outputs = List.of(TensorNames.LABELS);
            for (int round = 0; round < plan.warmup() + plan.iterations(); round++) {
                log.printf("round %d of %d (%s)%n", round + 1, plan.warmup() + plan.iterations(),
                        round < plan.warmup() ? "warm-up" : "timed");
                for (int s = 0; s < sessions.size(); s++) {
                    long t0 = System.nanoTime();
                    sessions.get(s).run(input, 1, h, w, outputs);
                    if (round >= plan.warmup()) {
                        millis[s][round - plan.warmup()] = (System.nanoTime() - t0) / 1e6;
                    }
                }
            }
            List<Row> rows = new ArrayList<>();
            for (int s = 0; s < sessions.size(); s++) {
                rows.add(new Row(plan.variants().get(s), loads.get(s), LatencyStats.of(millis[s]),
                        sessions.get(s).placementLine()));
            }
            return new Result(rows, sessions.getFirst().backend().operatorTimes(), h, w);
        } finally {
            // each session owns native memory: one that fails to close must not keep the others open
            for (SegmentationSession s : sessions) {
                try {
                    s.close();
                } catch (RuntimeException e) {
                    log.println("closing a session failed: " + e.getMessage());
                }
            }
        }
    }

    /** The table the command prints; "speed" is the first variant's p50 over this one's. */
    public static void print(Result result, PrintStream out) {
        out.printf("%-30s %8s %10s %10s %10s %7s%n", "variant", "load s", "p50 ms", "p95 ms", "mean ms", "speed");
        double first = result.rows().getFirst().latency().p50();
        for (Row r : result.rows()) {
            out.printf(Locale.ROOT, "%-30s %8.2f %10.1f %10.1f %10.1f %6.2fx%n", r.variant().name(), r.loadSeconds(),
                    r.latency().p50(), r.latency().p95(), r.latency().mean(), first / r.latency().p50());
        }
        out.println("speed: the first variant's p50 / this variant's p50 (above 1: faster than the first)");
        result.profile().ifPresent(p -> printProfile(result.rows().getFirst().variant().name(), p, out));
    }

    private static void printProfile(String variant, OperatorTimes times, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "where the time goes (%s, last warm-up run, ONNX Runtime's profiler): run %.1f ms,"
                + " kernels %.1f ms%n", variant, times.runMicros() / 1e3, times.kernelMicros() / 1e3);
        out.printf("%-24s %6s %10s %7s%n", "operator", "nodes", "ms", "share");
        double total = Math.max(1, times.kernelMicros());
        for (OperatorTimes.TypeTime t : times.byType()) {
            out.printf(Locale.ROOT, "%-24s %6d %10.1f %6.1f%%%n", t.opType(), t.nodes(), t.micros() / 1e3,
                    100 * t.micros() / total);
        }
    }
}
