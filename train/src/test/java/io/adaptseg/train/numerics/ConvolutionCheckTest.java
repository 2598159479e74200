package io.adaptseg.train.numerics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import io.adaptseg.train.numerics.ReferenceOps.Conv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The known-answer check: right on the route in use, and it catches deliberately wrong convolutions. */
class ConvolutionCheckTest {
    @BeforeAll
    static void route() {
        TorchNumerics.ensureConfigured();
    }

    @Test
    void referenceConvolutionMatchesAHandComputedExample() {
        // 1x1x3x3 input, one 2x2 kernel, stride 1, no padding: y = [[x00+2x01+3x10+4x11, ...]]
        Conv conv = new Conv(1, 1, 3, 3, 1, 2, 1, 0, 1);
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] w = {1, 2, 3, 4};
        float[] g = {1, 0, 0, 1}; // dL/dy: picks y00 + y11
        ReferenceOps.ConvResult r = ReferenceOps.convolution(conv, x, w, g);
        assertArrayEquals(new double[] {1 + 4 + 12 + 20, 2 + 6 + 15 + 24, 4 + 10 + 21 + 32, 5 + 12 + 24 + 36}, r.y());
        // dW[a][b] = x[a][b] + x[1+a][1+b]; dX = w placed at (0,0) plus w placed at (1,1)
        assertArrayEquals(new double[] {1 + 5, 2 + 6, 4 + 8, 5 + 9}, r.dw());
        assertArrayEquals(new double[] {1, 2, 0, 3, 4 + 1, 2, 0, 3, 4}, r.dx());
    }

    @Test
    void referenceBatchNormGradientSumsToZeroAndMatchesItsDefinition() {
        float[] x = {1, 2, 3, 6};
        float[] g = {1, 0, 0, 0};
        ReferenceOps.NormResult r = ReferenceOps.batchNorm(1, 1, 4, x, new float[] {2}, new float[] {0.5f}, g, 0);
        double mean = 3;
        double std = Math.sqrt((4 + 1 + 0 + 9) / 4.0);
        assertEquals(2 * (1 - mean) / std + 0.5, r.y()[0], 1e-12);
        assertEquals(0, r.dx()[0] + r.dx()[1] + r.dx()[2] + r.dx()[3], 1e-12, "shift invariance");
        assertEquals((1 - mean) / std, r.dGamma()[0], 1e-12);
        assertEquals(1, r.dBeta()[0], 1e-12);
    }

    @Test
    void pytorchOnTheChosenRoutePasses() {
        ConvolutionCheck.Result result = ConvolutionCheck.run();
        assertTrue(result.passed(), "worst " + result.worstError() + " in " + result.worstCase());
    }

    @Test
    void catchesAConvolutionWhoseWeightGradientIsLost() {
        ConvolutionCheck.Result r = ConvolutionCheck.run(
                (x, w, conv) -> ConvolutionCheck.PYTORCH.convolve(x, w.stopGradient(), conv), false);
        assertFalse(r.passed());
        assertTrue(r.worstCase().endsWith("weight gradient"), r.worstCase());
    }

    @Test
    void catchesAForwardOffByOnePartInAThousand() {
        ConvolutionCheck.Result r = ConvolutionCheck.run((x, w, conv) -> {
            NDArray y = ConvolutionCheck.PYTORCH.convolve(x, w, conv);
            return y.add(y.mul(y.getManager().create(1e-3f)));
        }, false);
        assertFalse(r.passed());
        assertEquals(1e-3, r.worstError(), 1e-4);
    }

    @Test
    void catchesANaNThatReachesTheResults() {
        ConvolutionCheck.Result r = ConvolutionCheck.run((x, w, conv) -> {
            // one NaN in the input, times zero, is still NaN: the output and both gradients carry it
            NDArray poison = x.getManager().zeros(x.getShape());
            poison.set(new ai.djl.ndarray.index.NDIndex("0,0,0,0"), Float.NaN);
            NDArray y = ConvolutionCheck.PYTORCH.convolve(x, w, conv);
            return y.add(x.mul(poison).get(new ai.djl.ndarray.index.NDIndex("0,0,0,0")).mul(x.getManager().create(0f)));
        }, false);
        assertFalse(r.passed());
        assertEquals(Double.POSITIVE_INFINITY, r.worstError());
    }

    @Test
    void catchesAWrongDilation() {
        ConvolutionCheck.Result r = ConvolutionCheck.run((x, w, conv) -> ConvolutionCheck.PYTORCH.convolve(x, w,
                wrongDilation(conv)), false);
        assertFalse(r.passed());
    }

    /** One less dilation (and padding, so the output keeps its size) on every dilated case. */
    private static Conv wrongDilation(Conv c) {
        int d = c.dilation() == 1 ? 1 : c.dilation() - 1;
        int pad = c.dilation() == 1 ? c.pad() : d;
        return new Conv(c.n(), c.c(), c.h(), c.w(), c.out(), c.k(), c.stride(), pad, d);
    }
}
