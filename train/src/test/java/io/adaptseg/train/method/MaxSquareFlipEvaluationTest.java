package io.adaptseg.train.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.adaptseg.train.config.FlipAverage;
import io.adaptseg.train.data.Batch;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.testing.Batches;
import io.adaptseg.train.testing.TinyNetworks;
import org.junit.jupiter.api.Test;

/**
 * MaxSquare's flip evaluation ({@code tools/evaluate.py:124-138}): the softmax of the image's logits
 * upsampled to the label size, averaged with the mirrored softmax of its mirror image's; with
 * {@code eval-flip-average: logits}, the upsampled average of the two logits instead.
 */
class MaxSquareFlipEvaluationTest {
    private static final int H = 45;
    private static final int W = 70;

    private static MaxSquareSettings settings(FlipAverage average) {
        return new MaxSquareSettings(false, 0.2, false, 0.95, 0.1, 0.1, -1, true, average,
                SegmenterOptimization.REFERENCE);
    }

    @Test
    void softmaxAveragedAfterUpsamplingAsTheReference() {
        try (NDManager m = NDManager.newBaseManager()) {
            Segmenter seg = TinyNetworks.twoHeads(m, 3);
            Batch b = Batches.labelled(m, 1, 32, 48, 5);
            NDArray x = b.images();
            ParameterStore ps = new ParameterStore(m, false);
            NDArray plain = seg.evaluationLogits(seg.forward(ps, x, false));
            NDArray mirror = seg.evaluationLogits(seg.forward(ps, x.flip(3), false));
            try (MaxSquareMethod softmax = new MaxSquareMethod(seg, settings(FlipAverage.SOFTMAX), m)) {
                NDArray logits = softmax.evaluationLogits(x);
                assertArrayEquals(plain.toFloatArray(), logits.toFloatArray(), 1e-6f, "logits stay the image's own");
                NDArray scores = softmax.evaluationScores(x, logits, H, W);
                assertEquals(4, scores.getShape().dimension());
                assertEquals(H, scores.getShape().get(2));
                assertEquals(W, scores.getShape().get(3));
                NDArray p = seg.upsample(plain, H, W).softmax(1);
                NDArray q = seg.upsample(mirror, H, W).softmax(1).flip(3);
                assertArrayEquals(p.add(q).div(2).toFloatArray(), scores.toFloatArray(), 1e-6f);
                assertArrayEquals(m.ones(new ai.djl.ndarray.types.Shape(1, H, W)).toFloatArray(),
                        scores.sum(new int[] {1}).toFloatArray(), 1e-5f, "probabilities");
                assertTrue(scores.sub(p).abs().max().getFloat() > 1e-4f, "the mirror image changed nothing");
            }
            try (MaxSquareMethod averaged = new MaxSquareMethod(seg, settings(FlipAverage.LOGITS), m)) {
                NDArray logits = averaged.evaluationLogits(x);
                NDArray expected = seg.upsample(plain.add(mirror.flip(3)).div(2), H, W);
                assertArrayEquals(expected.toFloatArray(), averaged.evaluationScores(x, logits, H, W).toFloatArray(),
                        1e-5f);
            }
        }
    }
}
