package io.adaptseg.train.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The losses of CLAN, MaxSquare and CAG against hand computations on tiny tensors. */
class AdaptationLossTest {
    private static final double TOL = 1e-5;

    @Test
    void focalCrossEntropyDownweightsEasyPixels() {
        try (NDManager m = NDManager.newBaseManager()) {
            // C=2, 3 pixels: logits (1,0) label 0; (0,2) label 1; (5,-5) ignored
            NDArray logits = m.create(new float[] {1, 0, 5, 0, 2, -5}, new Shape(1, 2, 1, 3));
            NDArray labels = m.create(new int[] {0, 1, 255}, new Shape(1, 1, 3));
            double p0 = Math.exp(1) / (Math.exp(1) + 1);
            double p1 = Math.exp(2) / (Math.exp(2) + 1);
            double expected = (-(1 - p0) * (1 - p0) * Math.log(p0) - (1 - p1) * (1 - p1) * Math.log(p1)) / 2;
            assertEquals(expected, FocalCrossEntropy.compute(logits, labels, 2).getFloat(), TOL);
            // gamma 0 is the plain cross-entropy
            assertEquals(PixelCrossEntropy.compute(logits, labels).getFloat(),
                    FocalCrossEntropy.compute(logits, labels, 0).getFloat(), TOL);
        }
    }

    @Test
    void weightMapIsOneMinusCosineOfTheHeads() {
        try (NDManager m = NDManager.newBaseManager()) {
            // 2 pixels, C=2: p1 = (1,0),(0.5,0.5); p2 = (0.6,0.8),(0.5,0.5)
            NDArray p1 = m.create(new float[] {1, 0.5f, 0, 0.5f}, new Shape(1, 2, 1, 2));
            NDArray p2 = m.create(new float[] {0.6f, 0.5f, 0.8f, 0.5f}, new Shape(1, 2, 1, 2));
            NDArray w = ClanWeightMap.of(p1, p2);
            assertEquals(new Shape(1, 1, 1, 2), w.getShape());
            assertArrayEquals(new float[] {0.4f, 0f}, w.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void weightedBceMixesEpsilonAndLocalWeights() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {0, 2}, new Shape(1, 1, 1, 2));
            NDArray weight = m.create(new float[] {0.5f, 0}, new Shape(1, 1, 1, 2));
            double b0 = Math.log(2); // BCE(0, target 0)
            double b1 = 2 + Math.log(1 + Math.exp(-2)); // BCE(2, target 0)
            double expected = (0.4 * b0 + 40 * b0 * 0.5 + 0.4 * b1) / 2;
            assertEquals(expected, WeightedBce.compute(logits, 0f, weight, 0.4, 40).getFloat(), TOL);
            // target label 1: BCE(2, 1) = log(1 + e^-2)
            double c0 = Math.log(2);
            double c1 = Math.log(1 + Math.exp(-2));
            assertEquals((0.4 * c0 + 40 * c0 * 0.5 + 0.4 * c1) / 2,
                    WeightedBce.compute(logits, 1f, weight, 0.4, 40).getFloat(), TOL);
            var e = assertThrows(IllegalArgumentException.class,
                    () -> WeightedBce.compute(logits, 0f, m.zeros(new Shape(1, 1, 2, 2)), 0.4, 40));
            assertEquals(true, e.getMessage().contains("(1, 1, 2, 2)"), e.getMessage());
        }
    }

    @Test
    void weightDiscrepancyIsCosinePlusOneOfTheFlattenedClassifiers() {
        try (NDManager m = NDManager.newBaseManager()) {
            // W1 = (1, 0 | 0), W2 = (1, 1 | 0): cos = 1/sqrt(2)
            List<NDArray> first = List.of(m.create(new float[] {1, 0}, new Shape(2, 1)), m.create(new float[] {0}));
            List<NDArray> second = List.of(m.create(new float[] {1, 1}, new Shape(2, 1)), m.create(new float[] {0}));
            assertEquals(1 + 1 / Math.sqrt(2), WeightDiscrepancy.compute(first, second).getFloat(), TOL);
            List<NDArray> opposite = List.of(m.create(new float[] {-1, 0}, new Shape(2, 1)), m.create(new float[] {0}));
            assertEquals(0, WeightDiscrepancy.compute(first, opposite).getFloat(), TOL);
            // the gradient reaches both classifiers: d/dW1 of cos at W1=(1,0,0), W2=(1,1,0) is (0, 1/sqrt2, 0)
            NDArray w1 = m.create(new float[] {1, 0, 0});
            w1.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(WeightDiscrepancy.compute(List.of(w1), List.of(m.create(new float[] {1, 1, 0}))));
            }
            assertArrayEquals(new float[] {0, (float) (1 / Math.sqrt(2)), 0}, w1.getGradient().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void maxSquareIsMinusHalfTheMeanSquare() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray prob = m.create(new float[] {0.9f, 0.3f, 0.1f, 0.7f}, new Shape(1, 2, 1, 2));
            assertEquals(-(0.81 + 0.09 + 0.01 + 0.49) / 4 / 2, MaxSquare.plain(prob).getFloat(), TOL);
        }
    }

    @Test
    void imageWiseWeightsOfAKnownHistogram() {
        // N = 8 pixels: 6 of class 0, 2 of class 1, none of 2; alpha 0.2
        double[] w = MaxSquare.imageWeights(new long[] {6, 2, 0}, 0.2);
        assertEquals(1 / 7.552741, w[0], 1e-6); // 6^0.2 * 8^0.8
        assertEquals(1 / 6.062866, w[1], 1e-6); // 2^0.2 * 8^0.8
        assertEquals(1.0, w[2], 0); // max(0, 1)
        // alpha 0: every class weighs 1/N (0^0 = 1 as in torch.pow); alpha 1: 1/N_c, an absent class 1/max(0, 1)
        assertArrayEquals(new double[] {0.125, 0.125, 0.125}, MaxSquare.imageWeights(new long[] {6, 2, 0}, 0), 1e-12);
        assertArrayEquals(new double[] {1 / 6.0, 0.5, 1}, MaxSquare.imageWeights(new long[] {6, 2, 0}, 1), 1e-12);
    }

    @Test
    void imageWiseMaxSquareWeighsEachPixelByItsArgmaxClass() {
        try (NDManager m = NDManager.newBaseManager()) {
            // pixels (0.9, 0.1) -> class 0 and (0.3, 0.7) -> class 1: histogram (1, 1), N = 2
            NDArray prob = m.create(new float[] {0.9f, 0.3f, 0.1f, 0.7f}, new Shape(1, 2, 1, 2));
            double w = 1 / Math.pow(2, 0.8); // 1^0.2 * 2^0.8
            assertEquals(-(0.81 + 0.01 + 0.09 + 0.49) * w / 2, MaxSquare.imageWise(prob, 0.2).getFloat(), TOL);
            // two images, each with its own histogram: image 2 all class 0 -> w0 = 1/2
            NDArray two = m.create(new float[] {0.9f, 0.3f, 0.1f, 0.7f, 0.8f, 0.6f, 0.2f, 0.4f}, new Shape(2, 2, 1, 2));
            double second = (0.64 + 0.36 + 0.04 + 0.16) * 0.5;
            assertEquals(-((0.81 + 0.01 + 0.09 + 0.49) * w + second) / (2 * 2), MaxSquare.imageWise(two, 0.2).getFloat(),
                    TOL);
        }
    }

    @Test
    void multiLevelGuidanceKeepsPixelsWhereEitherHeadIsConfident() {
        try (NDManager m = NDManager.newBaseManager()) {
            // 3 pixels, C=2. main (0.96,0.04) (0.6,0.4) (0.9,0.1); aux (0.3,0.7) (0.02,0.98) (0.8,0.2)
            NDArray main = m.create(new float[] {0.96f, 0.6f, 0.9f, 0.04f, 0.4f, 0.1f}, new Shape(1, 2, 1, 3));
            NDArray aux = m.create(new float[] {0.3f, 0.02f, 0.8f, 0.7f, 0.98f, 0.2f}, new Shape(1, 2, 1, 3));
            // averages (0.63,0.37) -> 0; (0.31,0.69) -> 1; third: neither head above 0.95 -> ignore
            assertArrayEquals(new int[] {0, 1, 255}, PseudoLabels.multiLevel(main, aux, 0.95).toIntArray());
            assertArrayEquals(new int[] {0, 255, 255}, PseudoLabels.confident(main, 0.95).toIntArray());
            assertEquals(new Shape(1, 1, 3), PseudoLabels.confident(main, 0.95).getShape());
        }
    }

    @Test
    void nearestAnchorNeedsTheSecondAtLeastDeltaFarther() {
        try (NDManager m = NDManager.newBaseManager()) {
            // D = 2; anchors a0 = (0,0), a1 = (3,0), a2 = (0,0.1) but absent
            NDArray anchors = m.create(new float[] {0, 0, 3, 0, 0, 0.1f}, new Shape(3, 2));
            boolean[] present = {true, true, false};
            // pixels (x, 0): x = 0 -> d 0 / 3, margin 3 -> 0; x = 1 -> 1 / 2, margin 1 -> ignore;
            // x = 3.5 -> 3.5 / 0.5 -> 1; x = 0.25 -> 0.25 / 2.75, margin exactly 2.5 -> 0
            NDArray features = m.create(new float[] {0, 1, 3.5f, 0.25f, 0, 0, 0, 0}, new Shape(1, 2, 1, 4));
            NDArray labels = AnchorGuidance.nearestAnchorLabels(features, anchors, present, 2.5);
            assertArrayEquals(new int[] {0, 255, 1, 0}, labels.toIntArray());
            NDArray d = AnchorGuidance.distances(features, anchors, present);
            assertArrayEquals(new float[] {0, 1, 3.5f, 0.25f, 3, 2, 0.5f, 2.75f}, slice(d, 0, 2), 1e-5f);
        }
    }

    @Test
    void classMeansUseAgreeingPixelsOfAtLeastTenPixels() {
        try (NDManager m = NDManager.newBaseManager()) {
            // 1 x 12 image, D = 2. Pixels 0..10 label 0 predicted 0 with feature (1, 2), except pixel 10
            // has (12, 2); pixel 11 label 1 predicted 0.
            float[] f = new float[24];
            for (int i = 0; i < 12; i++) {
                f[i] = i == 10 ? 12 : 1;
                f[12 + i] = 2;
            }
            NDArray features = m.create(f, new Shape(1, 2, 1, 12));
            int[] lab = new int[12];
            lab[11] = 1;
            NDArray labels = m.create(lab, new Shape(1, 1, 12));
            NDArray pred = m.zeros(new Shape(1, 1, 12), ai.djl.ndarray.types.DataType.INT32);
            ClassFeatureMeans c = ClassFeatureMeans.compute(features, labels, pred, 3, 10);
            assertArrayEquals(new int[] {0}, c.classes());
            assertArrayEquals(new float[] {2, 2}, c.means().toFloatArray(), 1e-6f); // (10*1 + 12) / 11
            assertEquals(0, ClassFeatureMeans.compute(features, labels, pred, 3, 12).size());
        }
    }

    @Test
    void normalisationPoolingKeepsTheMeanAndScalesItsGradientByTwoCountOverPixels() {
        // CAG models/utils.py:17-40 with adaptation_model.py:255-256, by hand: 1 x 3 x 4 feature map
        // (h*w = 12), class 0 on the 11 agreeing pixels, pixel 11 labelled 1 but predicted 0. For
        // L = 3*mean_0 - 1*mean_1 (the two channels) a plain mean gives each agreeing pixel (3, -1)/11;
        // normalisation pooling multiplies that by 2*11/12, so (3, -1) * 2/12 = (0.5, -1/6).
        for (boolean pooled : new boolean[] {false, true}) {
            try (NDManager m = NDManager.newBaseManager()) {
                float[] f = new float[24];
                for (int i = 0; i < 12; i++) {
                    f[i] = i == 10 ? 12 : 1;
                    f[12 + i] = 2;
                }
                NDArray features = m.create(f, new Shape(1, 2, 3, 4));
                features.setRequiresGradient(true);
                int[] lab = new int[12];
                lab[11] = 1;
                NDArray labels = m.create(lab, new Shape(1, 3, 4));
                NDArray pred = m.zeros(new Shape(1, 3, 4), ai.djl.ndarray.types.DataType.INT32);
                ClassFeatureMeans c;
                try (var gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                    c = ClassFeatureMeans.compute(features, labels, pred, 3, 10, pooled);
                    gc.backward(c.means().mul(m.create(new float[] {3, -1}, new Shape(1, 2))).sum());
                }
                assertArrayEquals(new float[] {2, 2}, c.means().toFloatArray(), 1e-6f, "the forward is the mean");
                float[] g = features.getGradient().toFloatArray();
                double perPixel0 = pooled ? 3.0 * 2 / 12 : 3.0 / 11;
                double perPixel1 = pooled ? -1.0 * 2 / 12 : -1.0 / 11;
                for (int i = 0; i < 12; i++) {
                    assertEquals(i == 11 ? 0 : perPixel0, g[i], 1e-6, "pooled=" + pooled + " channel 0 pixel " + i);
                    assertEquals(i == 11 ? 0 : perPixel1, g[12 + i], 1e-6, "pooled=" + pooled + " channel 1 pixel " + i);
                }
            }
        }
    }

    @Test
    void anchorDistanceLossIsSmoothL1ScaledAsTheReference() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray means = m.create(new float[] {1, 2, 20, 0}, new Shape(2, 2));
            means.setRequiresGradient(true);
            ClassFeatureMeans c = new ClassFeatureMeans(means, new int[] {0, 1});
            NDArray anchors = m.create(new float[] {0.5f, 0, 0, 0, 9, 9}, new Shape(3, 2));
            // class 0: diff (0.5, 2): (0.125 + 1.5) / 2 = 0.8125; class 1: diff (20, 0): (19.5 + 0) / 2 = 9.75 > 5 -> 0.975
            NDArray loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                loss = AnchorGuidance.distanceLoss(c, anchors, new boolean[] {true, true, true});
                gc.backward(loss);
            }
            assertEquals((0.8125 + 0.975) / 2 * 10, loss.getFloat(), TOL);
            // d/dmean: class 0 -> (0.5, 1) / 2 dims / 2 terms * 10; class 1 -> (1, 0) / 2 / 2 * 10 / 10
            assertArrayEquals(new float[] {1.25f, 2.5f, 0.25f, 0}, means.getGradient().toFloatArray(), 1e-5f);
            // without class 1's anchor only class 0 counts
            assertEquals(8.125, AnchorGuidance.distanceLoss(c, anchors, new boolean[] {true, false, true}).getFloat(), TOL);
            assertEquals(0, AnchorGuidance.distanceLoss(c, anchors, new boolean[] {false, false, true}).getFloat(), 0);
        }
    }

    @Test
    void smoothL1HasTheQuadraticAndLinearPieces() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {0.5f, -3, 1});
            assertEquals((0.125 + 2.5 + 0.5) / 3, AnchorGuidance.smoothL1(x, m.zeros(new Shape(3))).getFloat(), TOL);
        }
    }

    private static float[] slice(NDArray d, int from, int to) {
        return d.get(new ai.djl.ndarray.index.NDIndex(":, " + from + ":" + to)).toFloatArray();
    }
}
