package io.adaptseg.bench;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.core.model.ModelMetadata;
import io.adaptseg.core.model.TensorNames;
import io.adaptseg.core.resample.ImageResize;
import io.adaptseg.runtime.SegmentationSession;
import io.adaptseg.runtime.backend.BackendKind;
import io.adaptseg.runtime.backend.BackendOptions;
import io.adaptseg.runtime.pipeline.BatchPipeline;
import io.adaptseg.runtime.pipeline.PipelineConfig;
import io.adaptseg.runtime.pipeline.PipelineReport;
import io.adaptseg.runtime.predict.PredictOptions;
import io.adaptseg.runtime.predict.Predictor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Measures one model on each backend: model-only latency of a batch (p50/p95/p99) and throughput,
 * then end-to-end throughput through the {@link BatchPipeline} (PNG decode, resize, normalise, run,
 * upsample, PNG encode, atomic write), with the peak RSS after each backend; and what preparing one
 * image costs a reader thread with the model's input resize against bilinear.
 */
public final class RuntimeBenchmark {
    /** One backend's numbers. */
    public record Row(BackendKind backend, String provider, LatencyStats batchLatency, double modelImagesPerSecond,
                      double endToEndImagesPerSecond, long peakRssMiB) {
    }

    /**
     * Preparing one image as a pipeline reader does (resize to the network input, normalise), with the
     * model's {@code adaptseg.input_resize} and with bilinear, timed alternately on the same image.
     */
    public record PrepareCost(ImageResize resize, int fromWidth, int fromHeight, int toWidth, int toHeight,
                              LatencyStats model, LatencyStats bilinear) {
    }

    /** Every backend's row and the prepare cost. */
    public record Result(List<Row> rows, PrepareCost prepare) {
    }

    /** What to measure. */
    public record Plan(Path model, int height, int width, int batch, int iterations, int warmup, BackendOptions options,
                       List<BackendKind> backends, Path workDir) {
    }

    private RuntimeBenchmark() {
    }

    public static Result run(Plan plan, PrintStream log) throws AdaptsegException, IOException, InterruptedException {
        Path images = Files.createDirectories(plan.workDir().resolve("images"));
        int count = plan.batch() * plan.iterations();
        Random random = new Random(1);
        for (int i = 0; i < count; i++) {
            PngCodec.writeRgb(images.resolve(String.format("img_%04d.png", i)), texture(plan.width(), plan.height(), random));
        }
        List<Path> files;
        try (var list = Files.list(images)) {
            files = list.sorted().toList();
        }
        List<Row> rows = new ArrayList<>();
        PrepareCost prepare = null;
        for (BackendKind kind : plan.backends()) {
            try (SegmentationSession session = SegmentationSession.open(plan.model(), kind, plan.options())) {
                if (prepare == null) {
                    prepare = prepareCost(session.model(), PngCodec.readRgb(files.getFirst()), Math.max(10, count));
                }
                log.printf("%s backend on %s: warming up (network input %dx%d, images %dx%d, WxH)...%n", kind.id(),
                        session.providers().active().specName(), session.model().inputWidth(),
                        session.model().inputHeight(), plan.width(), plan.height());
                Row row = measure(session, kind, plan, files);
                log.println(session.placementLine() + " (" + kind.id() + " backend)");
                rows.add(row);
            }
        }
        return new Result(rows, prepare);
    }

    private static PrepareCost prepareCost(ModelMetadata model, RgbImage image, int repeats) {
        double[] mine = new double[repeats];
        double[] bilinear = new double[repeats];
        for (int i = -2; i < repeats; i++) { // two rounds of warm-up
            double a = prepareMillis(model.inputResize(), image, model);
            double b = prepareMillis(ImageResize.BILINEAR, image, model);
            if (i >= 0) {
                mine[i] = a;
                bilinear[i] = b;
            }
        }
        return new PrepareCost(model.inputResize(), image.width(), image.height(), model.inputWidth(),
                model.inputHeight(), LatencyStats.of(mine), LatencyStats.of(bilinear));
    }

    /** What {@link Predictor#prepare} does for whole images, with {@code resize}. */
    private static double prepareMillis(ImageResize resize, RgbImage image, ModelMetadata model) {
        long t0 = System.nanoTime();
        int w = model.inputWidth();
        int h = model.inputHeight();
        byte[] rgb = resize.resize(image.rgb(), image.width(), image.height(), w, h);
        float[] chw = new float[3 * w * h];
        model.normalization().toChw(rgb, w * h, chw, 0);
        return (System.nanoTime() - t0) / 1e6;
    }

    private static Row measure(SegmentationSession session, BackendKind kind, Plan plan, List<Path> files)
            throws AdaptsegException, IOException, InterruptedException {
        int n = plan.batch();
        // The pipeline resizes every image to the model's training size before running it, so the
        // model-only figure must run that size too; --size is the size of the images on disk.
        int h = session.model().inputHeight();
        int w = session.model().inputWidth();
        float[] input = new float[n * 3 * h * w];
        Random random = new Random(2);
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) random.nextGaussian();
        }
        List<String> outputs = List.of(TensorNames.LABELS);
        for (int i = 0; i < plan.warmup(); i++) {
            session.run(input, n, h, w, outputs);
        }
        double[] millis = new double[plan.iterations()];
        for (int i = 0; i < millis.length; i++) {
            long t0 = System.nanoTime();
            session.run(input, n, h, w, outputs);
            millis[i] = (System.nanoTime() - t0) / 1e6;
        }
        LatencyStats stats = LatencyStats.of(millis);
        double modelIps = n / (stats.mean() / 1000);

        Path out = Files.createDirectories(plan.workDir().resolve("out-" + kind.id()));
        Predictor predictor = new Predictor(session, PredictOptions.whole(n));
        PipelineReport report = new BatchPipeline(predictor, PipelineConfig.forBatch(n)).run(files.iterator(),
                (file, image, prediction) -> PngCodec.writeLabels8(out.resolve(file.getFileName()), prediction.trainIds()));
        if (!report.failures().isEmpty()) {
            throw new AdaptsegException("end-to-end run failed on " + report.failures().getFirst().file() + ": "
                    + report.failures().getFirst().message());
        }
        return new Row(kind, session.providers().active().specName(), stats, modelIps, report.imagesPerSecond(),
                PeakRss.mebibytes());
    }

    /** Smooth random colours, so PNG encode and decode cost what they cost on photos rather than on noise. */
    private static RgbImage texture(int w, int h, Random random) {
        byte[] rgb = new byte[w * h * 3];
        double a = random.nextDouble() * 0.05;
        double b = random.nextDouble() * 0.05;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * 3;
                rgb[o] = (byte) (128 + 100 * Math.sin(a * x + b * y));
                rgb[o + 1] = (byte) (128 + 100 * Math.cos(b * x - a * y));
                rgb[o + 2] = (byte) ((x ^ y) & 0xFF);
            }
        }
        return new RgbImage(w, h, rgb);
    }

    /**
     * The last lines of a two-model run: per backend, {@code faster}'s model-only speed-up over
     * {@code base} at the median, e.g. {@code m.int8.onnx / m.onnx model-only p50 speed-up (java): 2.61}.
     */
    public static void printSpeedUp(String faster, List<Row> fasterRows, String base, List<Row> baseRows,
                                    PrintStream out) {
        for (Row b : baseRows) {
            for (Row f : fasterRows) {
                if (f.backend() == b.backend()) {
                    out.printf("%s / %s model-only p50 speed-up (%s): %.2f%n", faster, base, b.backend().id(),
                            b.batchLatency().p50() / f.batchLatency().p50());
                }
            }
        }
    }

    /** The table the command prints, then the prepare cost. */
    public static void print(Result result, int batch, PrintStream out) {
        List<Row> rows = result.rows();
        out.printf("%-8s %-9s %10s %10s %10s %14s %14s %8s %10s%n", "backend", "provider", "p50 ms", "p95 ms", "p99 ms",
                "model img/s", "e2e img/s", "e2e/mdl", "peak RSS");
        for (Row r : rows) {
            out.printf("%-8s %-9s %10.1f %10.1f %10.1f %14.2f %14.2f %8.2f %7d MiB%n", r.backend().id(), r.provider(),
                    r.batchLatency().p50(), r.batchLatency().p95(), r.batchLatency().p99(), r.modelImagesPerSecond(),
                    r.endToEndImagesPerSecond(), r.endToEndImagesPerSecond() / r.modelImagesPerSecond(), r.peakRssMiB());
        }
        if (rows.size() == 2) {
            out.printf("native / java model throughput: %.3f (batch %d; latencies are per batch)%n",
                    rows.get(1).modelImagesPerSecond() / rows.get(0).modelImagesPerSecond(), batch);
        }
        PrepareCost p = result.prepare();
        if (p != null && !rows.isEmpty()) {
            double modelMs = 1000 / rows.getFirst().modelImagesPerSecond();
            out.printf("prepare per image (resize %dx%d -> %dx%d + normalise, on the reader threads): %s p50 %.1f ms,"
                    + " bilinear %.1f ms; %.1f %% of %s's model time per image%n", p.fromWidth(), p.fromHeight(),
                    p.toWidth(), p.toHeight(), p.resize().id(), p.model().p50(), p.bilinear().p50(),
                    100 * p.model().p50() / modelMs, rows.getFirst().backend().id());
        }
    }
}
