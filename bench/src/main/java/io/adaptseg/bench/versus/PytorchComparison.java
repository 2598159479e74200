package io.adaptseg.bench.versus;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.onnx.proto.OnnxMl.ModelProto;
import io.adaptseg.bench.LatencyStats;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.model.ModelMetadata;
import io.adaptseg.export.CheckedModelWriter;
import io.adaptseg.export.ExportOptions;
import io.adaptseg.export.HeadSelection;
import io.adaptseg.export.OnnxExporter;
import io.adaptseg.runtime.backend.BackendKind;
import io.adaptseg.runtime.backend.BackendOptions;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.numerics.NumericsReport;
import io.adaptseg.train.numerics.TorchNumerics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The same network, the same input and the same number of threads through DJL's PyTorch engine
 * (eager, inference mode: no gradient, batch norm on its running statistics) and through the edge
 * runtime (the network exported in this run, checked, then timed in a JVM of its own by {@link OrtSide}),
 * with the model's multiply-adds counted from the exported graph and the machine's measured GEMM
 * peak, so each side's speed reads as a fraction of what this machine can do.
 *
 * <p>Both sides stop at the {@code logits} (the evaluation heads summed, at the network's output
 * stride) and copy them into Java: the runtime computes only what that output needs, so neither
 * side pays for upsampling or argmax.
 */
public final class PytorchComparison {
    /** The GEMM of the peak measurement: large enough that every library runs its best kernel. */
    public static final int GEMM_SIZE = 2048;
    /**
     * Timed GEMMs per library, the best kept. Three gave 371.7 and 182.8 GFLOP/s in two runs on one quiet
     * machine; the best of more runs, measured while nothing else runs in the process, is what the
     * kernels reach (docs/benchmarks.md).
     */
    static final int GEMM_PASSES = 8;

    /** What to measure: a network loaded in {@code manager} (PyTorch engine) and its metadata. */
    public record Plan(Segmenter segmenter, ModelMetadata metadata, NDManager manager, int batch, int height,
                       int width, int iterations, int warmup, int threads, BackendKind backend,
                       BackendOptions options, Path workDir) {
    }

    /** The numbers. */
    public record Result(MacCount macs, GemmPeak peak, LatencyStats pytorch, LatencyStats ort, long[] inputShape) {
        /** ONNX Runtime's speed-up over PyTorch at the median. */
        public double speedUp() {
            return pytorch.p50() / ort.p50();
        }

        /** The rate a median run achieves, in GFLOP/s. */
        public double gflops(LatencyStats stats) {
            return macs.flops() / (stats.p50() * 1e6);
        }
    }

    private PytorchComparison() {
    }

    /**
     * Exports, counts, measures the peak, then times PyTorch and the runtime.
     *
     * @throws AdaptsegException when the export, its check or a run fails
     */
    public static Result run(Plan plan, PrintStream log) throws AdaptsegException, IOException {
        // the convolution route every PyTorch entry point uses; on some CPUs it keeps oneDNN off, which
        // changes PyTorch's forward speed too, so the report names it
        NumericsReport numerics = TorchNumerics.ensureConfigured();
        JniUtils.setNumThreads(plan.threads());
        Segmenter segmenter = plan.segmenter();
        ExportOptions exportOptions = ExportOptions.defaults();
        List<String> heads = HeadSelection.heads(segmenter, exportOptions.head());
        ModelProto model = OnnxExporter.standard().export(segmenter, exportOptions, plan.metadata());
        Path file = plan.workDir().resolve("model.onnx");
        CheckedModelWriter.write(model, file, segmenter.numClasses(), segmenter.outputStride());
        long[] shape = {plan.batch(), 3, plan.height(), plan.width()};
        log.printf("exported %s (heads %s) in memory and checked it; counting multiply-adds at %s...%n",
                segmenter.architecture(), String.join("+", heads), java.util.Arrays.toString(shape));
        MacCount macs = MacCount.of(model, shape);
        // ONNX Runtime first, in a JVM of its own: its GEMM peak (a pass of its own), then the model, with no
        // libtorch thread in its process; then PyTorch's GEMM peak and the model here, with ORT's pool gone.
        log.printf("ort (%s backend, %d intra-op threads) in its own JVM: float32 GEMM peak (%d^3, best of %d), then"
                        + " %d warm-up + %d timed runs...%n", plan.backend().id(), plan.options().intraOpThreads(),
                GEMM_SIZE, GEMM_PASSES, plan.warmup(), plan.iterations());
        OrtSide.Timing ortSide = OrtSide.measure(file, plan.backend(), plan.options(), plan.batch(), plan.height(),
                plan.width(), plan.warmup(), plan.iterations(), GEMM_SIZE, GEMM_PASSES, log);
        log.printf("ort ran on %s%n", ortSide.providers());
        log.printf("pytorch: float32 GEMM peak (%d^3, best of %d)...%n", GEMM_SIZE, GEMM_PASSES);
        GemmPeak peak = new GemmPeak(GEMM_SIZE, ortSide.gemmGflops(), GemmPeak.djl(GEMM_SIZE, GEMM_PASSES, plan.manager()));
        float[] input = OrtSide.input(Math.toIntExact((long) plan.batch() * 3 * plan.height() * plan.width()));
        log.printf("pytorch (DJL %s engine, %d intra-op threads, convolution route %s): %d warm-up + %d timed runs...%n",
                plan.manager().getEngine().getEngineName(), JniUtils.getNumThreads(), numerics.route(), plan.warmup(),
                plan.iterations());
        LatencyStats pytorch = time(plan, () -> pytorchForward(segmenter, heads, plan.manager(), input, shape));
        LatencyStats ort = ortSide.latency();
        return new Result(macs, peak, pytorch, ort, shape);
    }

    private interface Step {
        void run() throws AdaptsegException;
    }

    private static LatencyStats time(Plan plan, Step step) throws AdaptsegException {
        for (int i = 0; i < plan.warmup(); i++) {
            step.run();
        }
        double[] millis = new double[plan.iterations()];
        for (int i = 0; i < millis.length; i++) {
            long t0 = System.nanoTime();
            step.run();
            millis[i] = (System.nanoTime() - t0) / 1e6;
        }
        return LatencyStats.of(millis);
    }

    /** The forward the exporter follows: the selected heads summed, logits copied out as the runtime does. */
    private static void pytorchForward(Segmenter segmenter, List<String> heads, NDManager manager, float[] input,
            long[] shape) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray image = scope.create(input, new Shape(shape));
            NDList out = segmenter.forward(new ParameterStore(scope, false), image, false);
            segmenter.summedLogits(out, heads).toFloatArray();
        }
    }

    /** The report; its last three lines are the medians and the speed-up. */
    public static void print(Result r, PrintStream out) {
        out.printf("multiply-adds: %.2f G per run at %s (conv %.2f G, matmul/gemm %.2f G), counted from the ONNX graph%n",
                r.macs().total() / 1e9, java.util.Arrays.toString(r.inputShape()), r.macs().conv() / 1e9,
                r.macs().matMul() / 1e9);
        out.printf("machine peak: %.1f GFLOP/s float32 (%s, %d^3; ONNX Runtime MatMul %.1f, DJL PyTorch matMul %.1f)%n",
                r.peak().gflops(), r.peak().source(), r.peak().size(), r.peak().ortGflops(), r.peak().djlGflops());
        out.printf("%-8s %10s %10s %10s %12s %8s%n", "side", "p50 ms", "p95 ms", "mean ms", "GFLOP/s", "of peak");
        row(out, "pytorch", r.pytorch(), r);
        row(out, "ort", r.ort(), r);
        out.printf("pytorch p50 ms: %.1f%n", r.pytorch().p50());
        out.printf("ort p50 ms: %.1f%n", r.ort().p50());
        out.printf("ort/pytorch speed-up: %.2f%n", r.speedUp());
    }

    private static void row(PrintStream out, String side, LatencyStats stats, Result r) {
        double gflops = r.gflops(stats);
        out.printf("%-8s %10.1f %10.1f %10.1f %12.1f %7.1f%%%n", side, stats.p50(), stats.p95(), stats.mean(), gflops,
                100 * gflops / r.peak().gflops());
    }
}
