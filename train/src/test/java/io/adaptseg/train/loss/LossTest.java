package io.adaptseg.train.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class LossTest {
    @Test
    void crossEntropyAveragesOverValidPixelsOnly() {
        try (NDManager m = NDManager.newBaseManager()) {
            // N=1, C=2, H=1, W=3; pixel logits (1,0), (0,2), (5,-5); labels 0, 1, 255
            NDArray logits = m.create(new float[] {1, 0, 5, 0, 2, -5}, new Shape(1, 2, 1, 3));
            NDArray labels = m.create(new int[] {0, 1, 255}, new Shape(1, 1, 3));
            double p0 = -Math.log(Math.exp(1) / (Math.exp(1) + 1));
            double p1 = -Math.log(Math.exp(2) / (Math.exp(2) + 1));
            assertEquals((p0 + p1) / 2, PixelCrossEntropy.compute(logits, labels).getFloat(), 1e-6);
        }
    }

    @Test
    void crossEntropyGradientIsZeroAtIgnoredPixels() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {1, 0, 5, 0, 2, -5}, new Shape(1, 2, 1, 3));
            logits.setRequiresGradient(true);
            NDArray labels = m.create(new int[] {0, 1, 255}, new Shape(1, 1, 3));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(PixelCrossEntropy.compute(logits, labels));
            }
            float[] g = logits.getGradient().toFloatArray();
            // layout (c, w): ignored pixel w=2 at indices 2 and 5
            assertEquals(0f, g[2]);
            assertEquals(0f, g[5]);
            // pixel 0, class 0: (softmax - 1) / 2 valid pixels
            double s0 = Math.exp(1) / (Math.exp(1) + 1);
            assertEquals((s0 - 1) / 2, g[0], 1e-6);
        }
    }

    @Test
    void crossEntropyOfOnlyIgnoredPixelsIsZero() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.randomNormal(new Shape(2, 3, 2, 2));
            NDArray labels = m.full(new Shape(2, 2, 2), 255);
            assertEquals(0f, PixelCrossEntropy.compute(logits, labels).getFloat(), 0f);
        }
    }

    @Test
    void crossEntropyRejectsMismatchedShapes() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.zeros(new Shape(1, 2, 4, 4));
            NDArray labels = m.zeros(new Shape(1, 4, 5));
            var e = assertThrows(IllegalArgumentException.class, () -> PixelCrossEntropy.compute(logits, labels));
            assertEquals(true, e.getMessage().contains("(1, 4, 5)"), e.getMessage());
        }
    }

    @Test
    void bceWithLogitsMatchesHandComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {-2, 0, 3, 40});
            double sum0 = 0;
            double sum1 = 0;
            for (double v : new double[] {-2, 0, 3, 40}) {
                double s = 1 / (1 + Math.exp(-v));
                sum0 += -Math.log(1 - s == 0 ? Double.MIN_VALUE : 1 - s);
                sum1 += -Math.log(s);
            }
            // the stable form gives 40 for x=40 against label 0 exactly
            assertEquals((sum0 - (-Math.log(Double.MIN_VALUE)) + 40) / 4, GanLoss.VANILLA.against(x, 0f).getFloat(), 1e-5);
            assertEquals(sum1 / 4, GanLoss.VANILLA.against(x, 1f).getFloat(), 1e-6);
        }
    }

    @Test
    void lsganIsMeanSquaredError() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {-2, 0, 3, 1});
            assertEquals((9 + 1 + 4 + 0) / 4.0, GanLoss.LSGAN.against(x, 1f).getFloat(), 1e-6);
            assertEquals((4 + 0 + 9 + 1) / 4.0, GanLoss.LSGAN.against(x, 0f).getFloat(), 1e-6);
        }
    }

    @Test
    void ganLossParsesConfigNames() {
        assertEquals(GanLoss.LSGAN, GanLoss.parse("LS-GAN"));
        var e = assertThrows(IllegalArgumentException.class, () -> GanLoss.parse("wgan"));
        assertEquals("unknown gan 'wgan', expected vanilla or lsgan", e.getMessage());
        assertArrayEquals(new GanLoss[] {GanLoss.VANILLA, GanLoss.LSGAN}, GanLoss.values());
    }
}
