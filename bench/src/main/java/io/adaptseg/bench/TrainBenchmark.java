package io.adaptseg.bench;

import ai.djl.ndarray.NDManager;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.dataset.Sample;
import io.adaptseg.synth.SynthConfig;
import io.adaptseg.synth.SynthDataset;
import io.adaptseg.synth.SynthGenerator;
import io.adaptseg.train.config.Size;
import io.adaptseg.train.config.TrainConfig;
import io.adaptseg.train.data.BatchStream;
import io.adaptseg.train.device.TrainingDevice;
import io.adaptseg.train.method.AdaptationMethod;
import io.adaptseg.train.data.Batch;
import io.adaptseg.train.method.Iteration;
import io.adaptseg.train.run.TrainingRun;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Seconds per training iteration, and the loop's overhead: for one network, method and input size,
 * <ul>
 *   <li><b>bare</b>: {@code method.step} alone on one fixed batch already on the engine (forward,
 *       losses, backward and the optimiser updates of every network; nothing else), mean over
 *       {@code iterations} after two warm-up steps;</li>
 *   <li><b>full</b>: the training loop on the same networks in the same JVM, with batches decoded
 *       from PNG files by the worker threads, schedules, metrics files and the log line. Measured as
 *       the marginal cost {@code (T(w + n) - T(w)) / n} of two loop runs of {@code w = 2} and
 *       {@code w + n} iterations, so that the constant costs of a run (starting the streams, the final
 *       checkpoint) cancel.</li>
 * </ul>
 * The ratio full / bare is the loop's overhead (target: at most 1.15).
 */
public final class TrainBenchmark {
    /** One measured configuration. */
    public record Row(String model, String method, int width, int height, int batch, int iterations, double bareSeconds,
            double fullSeconds) {
        /** Full iteration over bare forward+backward+update. */
        public double overhead() {
            return fullSeconds / bareSeconds;
        }
    }

    private static final int WARM = 2;

    private TrainBenchmark() {
    }

    /** Generates the PNG data the loop reads: GTA5-like source and Cityscapes-like target at {@code width x height}. */
    public static void generateData(Path dir, int width, int height, int images) throws AdaptsegException, IOException {
        SynthGenerator.generate(new SynthConfig(11, height, width, images, images, 0,
                EnumSet.of(SynthDataset.GTA5, SynthDataset.CITYSCAPES), 2), dir, true, n -> { });
    }

    /**
     * Measures one row on the data of {@link #generateData} in {@code data}, training on {@code device};
     * snapshots go under {@code work}.
     */
    public static Row measure(String model, String method, int width, int height, int batch, int iterations, Path data,
            Path work, TrainingDevice device) throws AdaptsegException, IOException {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        TrainingRun warm = TrainingRun.prepare(config(model, method, width, height, batch, WARM, data, work.resolve("a"), device));
        TrainingRun longer = TrainingRun.prepare(config(model, method, width, height, batch, WARM + iterations, data,
                work.resolve("b"), device));
        try (NDManager root = warm.newRootManager(); AdaptationMethod m = warm.createMethod(root, false, quiet)) {
            double bare;
            try (NDManager batches = root.newSubManager();
                    BatchStream<Sample> s = warm.sourceStream(m.segmenter(), 0);
                    BatchStream<Sample> t = m.usesTarget() ? warm.targetStream(m.segmenter(), 0) : null) {
                Batch source = s.next(batches);
                Batch target = t == null ? null : t.next(batches);
                for (int i = 0; i < WARM; i++) {
                    m.step(new Iteration(i, 1000, 1e-4, 1e-5), source, target);
                }
                long t0 = System.nanoTime();
                for (int i = 0; i < iterations; i++) {
                    m.step(new Iteration(WARM + i, 1000, 1e-4, 1e-5), source, target);
                }
                bare = (System.nanoTime() - t0) / 1e9 / iterations;
            }
            long t0 = System.nanoTime();
            warm.train(m, Optional.empty(), quiet, quiet, false);
            double shortRun = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            longer.train(m, Optional.empty(), quiet, quiet, false);
            double longRun = (System.nanoTime() - t0) / 1e9;
            return new Row(model, method, width, height, batch, iterations, bare, (longRun - shortRun) / iterations);
        }
    }

    static TrainConfig config(String model, String method, int width, int height, int batch, long stop, Path data,
            Path snapshots, TrainingDevice device) throws AdaptsegException {
        Size size = new Size(width, height);
        return TrainConfig.defaults("bench train (" + model + ", " + method + ")", model, data.resolve("gta5"))
                .withRun(r -> r.withMethod(method).withDevice(device))
                .withData(d -> d.withTargetDir(data.resolve("cityscapes")).withInputSizes(size, size).withBatch(batch, 2))
                .withAugmentation(a -> a.withMirror(true))
                .withSchedule(s -> s.withLearningRate(1.0e-4).withSteps(1000, 1).withStop(stop).withSnapshotDir(snapshots));
    }

    /** The rows as the table {@code adaptseg bench train} prints. */
    public static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-22s %-12s %-9s %5s %5s %10s %10s %9s%n", "model",
                "method", "input", "batch", "iters", "bare s/it", "full s/it", "full/bare"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-22s %-12s %-9s %5d %5d %10.3f %10.3f %9.3f%n", r.model(), r.method(),
                    r.width() + "x" + r.height(), r.batch(), r.iterations(), r.bareSeconds(), r.fullSeconds(), r.overhead()));
        }
        return sb.toString();
    }
}
