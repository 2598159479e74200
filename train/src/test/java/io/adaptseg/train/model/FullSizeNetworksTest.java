package io.adaptseg.train.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The full-size networks: parameter counts, output sizes, and a two-iteration training step on a small input. */
class FullSizeNetworksTest {
    /** torchvision resnet101 has 44,549,160 parameters, of which the ImageNet fc holds 2048·1000 + 1000. */
    private static final long RESNET101_TRUNK = 44_549_160L - (2048L * 1000 + 1000);

    @Test
    void deeplabV2R101MultiHasTheReferenceCountSizeAndTrains() throws Exception {
        Segmenter s = SegmenterRegistry.create("deeplabv2-r101-multi", 19);
        var shapes = s.outputShapes(new Shape(1, 3, 512, 1024));
        assertEquals(new Shape(1, 19, 65, 129), shapes.get("aux"));
        assertEquals(new Shape(1, 19, 65, 129), shapes.get("main"));
        long aspp = 4L * (2048 * 19 * 9 + 19);
        long auxAspp = 4L * (1024 * 19 * 9 + 19);
        trainTwoSteps(s, new Shape(1, 3, 33, 33), 44_601_560L);
        assertEquals(44_601_560L, RESNET101_TRUNK + auxAspp + aspp, "the reference count is the trunk plus two heads");
    }

    @Test
    void deeplabV3PlusR101MatchesAnIndependentCountAndTrains() throws Exception {
        long aspp = 2048L * 256 + 3 * (2048L * 256 * 9) + 2048L * 256 // 1×1, three 3×3, image pooling (no bias)
                + 5 * 512 // their BN affine
                + 1280L * 256 + 512; // projection and its BN
        long decoder = 256L * 48 + 96 + 304L * 256 * 9 + 512 + 256L * 256 * 9 + 512 + 256L * 19 + 19;
        Segmenter s = SegmenterRegistry.create("deeplabv3plus-r101", 19);
        assertEquals(new Shape(1, 19, 128, 256), s.outputShapes(new Shape(1, 3, 512, 1024)).get("main"));
        trainTwoSteps(s, new Shape(2, 3, 32, 32), RESNET101_TRUNK + aspp + decoder);
    }

    private static void trainTwoSteps(Segmenter s, Shape input, long expectedCount) {
        Engine.getInstance().setRandomSeed(3);
        try (Model model = Model.newInstance(s.architecture())) {
            model.setBlock(s.block());
            s.initialize(model.getNDManager());
            assertEquals(expectedCount, s.parameterCount());
            NDArray x = model.getNDManager().randomNormal(input);

            String conv = "layer3.0.conv2.weight";
            float[] convBefore = s.parameters().get(conv).getArray().toFloatArray();
            float[] bnBefore = s.parameters().get("layer3.0.bn2.weight").getArray().toFloatArray();
            float[] headBefore = s.headParameters(s.heads().get(0)).values().iterator().next().getArray().toFloatArray();
            var config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(1e-3f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                for (int it = 0; it < 2; it++) {
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDList y = trainer.forward(new NDList(x));
                        var expected = s.outputShapes(input);
                        for (int i = 0; i < y.size(); i++) {
                            assertEquals(expected.get(s.outputs().get(i)), y.get(i).getShape(), s.outputs().get(i));
                        }
                        NDArray loss = s.evaluationLogits(y).square().mean();
                        if (s.heads().contains("aux")) {
                            loss = loss.add(s.logits(y, "aux").square().mean().mul(0.1f));
                        }
                        gc.backward(loss);
                    }
                    trainer.step();
                }
            }
            assertFalse(Arrays.equals(convBefore, s.parameters().get(conv).getArray().toFloatArray()), "backbone moved");
            assertFalse(Arrays.equals(headBefore,
                    s.headParameters(s.heads().get(0)).values().iterator().next().getArray().toFloatArray()), "head moved");
            float[] bnAfter = s.parameters().get("layer3.0.bn2.weight").getArray().toFloatArray();
            if (s.isFrozen("layer3.0.bn2.weight")) {
                assertArrayEquals(bnBefore, bnAfter, "frozen BN affine stays put");
            } else {
                assertFalse(Arrays.equals(bnBefore, bnAfter), "trainable BN affine moved");
            }
        }
    }
}
