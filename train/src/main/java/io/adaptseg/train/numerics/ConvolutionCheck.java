package io.adaptseg.train.numerics;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import io.adaptseg.train.numerics.ReferenceOps.Conv;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The known-answer numerics check: forward and backward of the convolution shapes our networks use,
 * and of training-mode batch norm, computed by PyTorch in this process and compared with {@link
 * ReferenceOps}. Channel counts are the real ones (oneDNN picks its kernels and blocking by them);
 * spatial sizes are small so that the check takes well under a second.
 */
public final class ConvolutionCheck {
    /** Largest relative L2 error accepted for any output or gradient (float32 sums of ≤ 2,304 terms). */
    public static final double TOLERANCE = 1e-4;
    /** Each case runs this many times: a wrong kernel may be right on one run and not the next. */
    private static final int REPEATS = 2;
    private static final float BN_EPS = 1e-5f;

    /** The convolutions checked: the shapes of ResNet-101 (DeepLab-v2/v3+), its heads and ASPP. */
    static final List<Conv> CASES = List.of(
            new Conv(2, 3, 32, 48, 64, 7, 2, 3, 1), // stem 7x7/2
            new Conv(2, 64, 8, 8, 256, 1, 1, 0, 1), // bottleneck expansion
            new Conv(2, 256, 8, 8, 512, 1, 2, 0, 1), // layer2 downsample 1x1/2
            new Conv(2, 512, 4, 4, 1024, 1, 2, 0, 1), // layer3 downsample 1x1/2 (SIGFPE on Zen 5 VMs)
            new Conv(2, 1024, 3, 3, 256, 1, 1, 0, 1), // bottleneck reduction
            new Conv(2, 64, 12, 12, 64, 3, 1, 1, 1), // 3x3
            new Conv(2, 128, 12, 12, 128, 3, 2, 1, 1), // 3x3/2
            new Conv(2, 128, 6, 6, 128, 3, 1, 2, 2), // layer3, dilation 2
            new Conv(1, 128, 9, 9, 128, 3, 1, 4, 4), // layer4, dilation 4
            new Conv(1, 256, 9, 9, 19, 3, 1, 6, 6), // ASPP branches
            new Conv(1, 256, 9, 9, 19, 3, 1, 12, 12),
            new Conv(1, 256, 9, 9, 19, 3, 1, 18, 18),
            new Conv(1, 256, 9, 9, 19, 3, 1, 24, 24));

    private ConvolutionCheck() {
    }

    /** What the check found: the worst relative error, and the case and tensor it came from. */
    public record Result(double worstError, String worstCase) {
        /** Whether every output and gradient is finite and within {@link #TOLERANCE}. */
        public boolean passed() {
            return passed(TOLERANCE);
        }

        /** Whether every output and gradient is finite and within {@code tolerance}. */
        public boolean passed(double tolerance) {
            return worstError <= tolerance;
        }
    }

    /** The convolution under test: PyTorch's, or a deliberately wrong one in the tests. */
    @FunctionalInterface
    interface Convolver {
        NDArray convolve(NDArray x, NDArray weight, Conv conv);
    }

    /** PyTorch's convolution, through DJL, on whatever route this process uses. */
    static final Convolver PYTORCH = (x, weight, conv) -> Conv2d.conv2d(x, weight, null,
            new Shape(conv.stride(), conv.stride()), new Shape(conv.pad(), conv.pad()),
            new Shape(conv.dilation(), conv.dilation()), 1).singletonOrThrow();

    /** Runs every case on the current PyTorch configuration, on the CPU. */
    public static Result run() {
        return run(Device.cpu());
    }

    /**
     * Runs every case with the tensors on {@code device}: the CPU's convolution route, or a GPU's
     * (cuDNN) kernels; the reference is the same Java computation either way.
     */
    public static Result run(Device device) {
        return run(PYTORCH, true, device);
    }

    /** Runs every convolution case through {@code convolver} on the CPU, and batch norm when asked. */
    static Result run(Convolver convolver, boolean withBatchNorm) {
        return run(convolver, withBatchNorm, Device.cpu());
    }

    /** Runs every convolution case through {@code convolver} on {@code device}, and batch norm when asked. */
    static Result run(Convolver convolver, boolean withBatchNorm, Device device) {
        Worst worst = new Worst();
        try (NDManager manager = NDManager.newBaseManager(device, "PyTorch")) {
            for (int c = 0; c < CASES.size(); c++) {
                Conv conv = CASES.get(c);
                SplittableRandom random = new SplittableRandom(1000 + c);
                float[] x = gaussian(random, size(conv.inputShape()), 1);
                float[] w = gaussian(random, size(conv.weightShape()), (float) Math.sqrt(2.0 / (conv.c() * conv.k() * conv.k())));
                float[] g = gaussian(random, size(conv.outputShape()), 1);
                ReferenceOps.ConvResult ref = ReferenceOps.convolution(conv, x, w, g);
                for (int r = 0; r < REPEATS; r++) {
                    try (NDManager m = manager.newSubManager()) {
                        checkConvolution(m, convolver, conv, x, w, g, ref, worst);
                    }
                }
            }
            for (int r = 0; r < REPEATS && withBatchNorm; r++) {
                try (NDManager m = manager.newSubManager()) {
                    checkBatchNorm(m, worst);
                }
            }
        }
        return new Result(worst.error, worst.where);
    }

    private static void checkConvolution(NDManager m, Convolver convolver, Conv conv, float[] x, float[] w, float[] g,
            ReferenceOps.ConvResult ref, Worst worst) {
        NDArray xa = m.create(x, new Shape(conv.inputShape()));
        NDArray wa = m.create(w, new Shape(conv.weightShape()));
        NDArray ga = m.create(g, new Shape(conv.outputShape()));
        xa.setRequiresGradient(true);
        wa.setRequiresGradient(true);
        NDArray y;
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            y = convolver.convolve(xa, wa, conv);
            gc.backward(y.mul(ga).sum());
        }
        worst.offer(ReferenceOps.relativeError(y.toFloatArray(), ref.y()), conv + ": output");
        worst.offer(ReferenceOps.relativeError(xa.getGradient().toFloatArray(), ref.dx()), conv + ": input gradient");
        worst.offer(ReferenceOps.relativeError(wa.getGradient().toFloatArray(), ref.dw()), conv + ": weight gradient");
    }

    private static void checkBatchNorm(NDManager m, Worst worst) {
        int n = 2;
        int c = 64;
        int h = 16;
        int w = 16;
        SplittableRandom random = new SplittableRandom(77);
        float[] x = gaussian(random, n * c * h * w, 3);
        float[] gamma = gaussian(random, c, 1);
        float[] beta = gaussian(random, c, 1);
        float[] g = gaussian(random, x.length, 1);
        ReferenceOps.NormResult ref = ReferenceOps.batchNorm(n, c, h * w, x, gamma, beta, g, BN_EPS);
        NDArray xa = m.create(x, new Shape(n, c, h, w));
        NDArray ga = m.create(gamma, new Shape(c));
        NDArray ba = m.create(beta, new Shape(c));
        NDArray up = m.create(g, new Shape(n, c, h, w));
        for (NDArray a : List.of(xa, ga, ba)) {
            a.setRequiresGradient(true);
        }
        NDArray y;
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            y = BatchNorm.batchNorm(xa, m.zeros(new Shape(c)), m.ones(new Shape(c)), ga, ba, 1, 0.1f, BN_EPS, true)
                    .singletonOrThrow();
            gc.backward(y.mul(up).sum());
        }
        String where = "batch norm (training) on 2x64x16x16";
        worst.offer(ReferenceOps.relativeError(y.toFloatArray(), ref.y()), where + ": output");
        worst.offer(ReferenceOps.relativeError(xa.getGradient().toFloatArray(), ref.dx()), where + ": input gradient");
        worst.offer(ReferenceOps.relativeError(ga.getGradient().toFloatArray(), ref.dGamma()), where + ": scale gradient");
        worst.offer(ReferenceOps.relativeError(ba.getGradient().toFloatArray(), ref.dBeta()), where + ": shift gradient");
    }

    private static float[] gaussian(SplittableRandom random, int n, float scale) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            // Box-Muller; one value per pair is enough here
            double u = 1 - random.nextDouble();
            double v = random.nextDouble();
            out[i] = (float) (scale * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
        }
        return out;
    }

    private static int size(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    private static final class Worst {
        double error;
        String where = "none";

        void offer(double e, String at) {
            if (Double.isNaN(e) || e > error) {
                error = Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
                where = at;
            }
        }
    }
}
