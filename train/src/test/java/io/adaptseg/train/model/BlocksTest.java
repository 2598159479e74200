package io.adaptseg.train.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.adaptseg.train.model.blocks.BilinearUpsample;
import io.adaptseg.train.model.blocks.LeakyRelu;
import io.adaptseg.train.model.blocks.MaxPool;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlocksTest {
    @Test
    void alignCornersUpsamplingKeepsTheCornersAndInterpolatesLinearly() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {0, 2, 4, 8}, new Shape(1, 1, 2, 2));
            NDArray y = BilinearUpsample.alignCorners(x, 3, 3);
            assertArrayEquals(new float[] {0, 1, 2, 2, 3.5f, 5, 4, 6, 8}, y.toFloatArray(), 1e-6f);
            NDArray h = BilinearUpsample.halfPixel(x, 4, 4);
            // PyTorch align_corners=False on [0, 2]: 0, 0.5, 1.5, 2 along a row
            assertArrayEquals(new float[] {0, 0.5f, 1.5f, 2}, h.get("0,0,0,:").toFloatArray(), 1e-6f);
            var e = assertThrows(IllegalArgumentException.class, () -> BilinearUpsample.halfPixel(y, 2, 2));
            assertTrue(e.getMessage().contains("only enlarges"), e.getMessage());
        }
    }

    @Test
    void alignCornersUpsamplingPassesGradients() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(2, 3, 4, 5));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(BilinearUpsample.alignCorners(x, 7, 9).sum());
            }
            // every output pixel distributes weight 1 over the inputs: gradients sum to the output count
            assertEquals(2 * 3 * 7 * 9, x.getGradient().sum().getFloat(), 1e-3);
        }
    }

    @Test
    void deepLabV3PlusFeaturesAreWhatTheClassifierSeesAfterDropout() throws Exception {
        // CAG models/decoder.py:37-40: the features are taken after Dropout(0.1), in training too
        try (NDManager m = NDManager.newBaseManager()) {
            Segmenter s = SegmenterRegistry.create("deeplabv3plus-tiny", 3);
            s.initialize(m);
            var net = (io.adaptseg.train.model.blocks.DeepLabV3PlusNet) s.block();
            ParameterStore ps = new ParameterStore(m, false);
            NDList out = s.forward(ps, m.randomNormal(new Shape(2, 3, 64, 64)), true);
            NDArray features = s.features(out).orElseThrow();
            NDArray logits = s.logits(out, "main");
            NDArray again = net.decoder().classifier().forward(ps, new NDList(features), false).singletonOrThrow();
            assertArrayEquals(logits.toFloatArray(), again.toFloatArray(), 1e-4f);
        }
    }

    @Test
    void ceilModeMaxPoolShapesMatchTheForward() {
        MaxPool pool = new MaxPool(3, 2, 1, true);
        assertEquals(129, pool.outputSize(256));
        assertEquals(33, pool.outputSize(65));
        assertEquals(4, new MaxPool(3, 2, 1, false).outputSize(7));
        assertEquals(4, pool.outputSize(7));
        try (NDManager m = NDManager.newBaseManager()) {
            for (long size : new long[] {7, 8, 33, 65}) {
                Shape in = new Shape(1, 2, size, size + 1);
                NDArray y = pool.forward(new ParameterStore(m, false), new NDList(m.randomNormal(in)), false).singletonOrThrow();
                assertEquals(pool.getOutputShapes(new Shape[] {in})[0], y.getShape(), "input " + in);
            }
        }
    }

    @Test
    void discriminatorHasFiveStridedConvsAndTheReferenceParameterCount() {
        SequentialBlock d = OutputDiscriminator.create(19, 64);
        try (NDManager m = NDManager.newBaseManager()) {
            d.initialize(m, DataType.FLOAT32, new Shape(1, 19, 64, 64));
            long count = d.getParameters().values().stream().mapToLong(p -> p.getArray().getShape().size()).sum();
            long expected = 19L * 64 * 16 + 64 + 64L * 128 * 16 + 128 + 128L * 256 * 16 + 256 + 256L * 512 * 16 + 512
                    + 512L * 16 + 1;
            assertEquals(expected, count);
            NDArray y = d.forward(new ParameterStore(m, false), new NDList(m.randomUniform(0, 1, new Shape(2, 19, 64, 96))),
                    false).singletonOrThrow();
            assertEquals(new Shape(2, 1, 2, 3), y.getShape());
            assertEquals(0.2f, ((LeakyRelu) d.getChildren().get(1).getValue()).slope());
        }
    }

    /** The exporter's contract: every block in every network is one of the documented classes. */
    @Test
    void networksUseOnlyTheDocumentedVocabulary() throws Exception {
        Set<String> allowed = Set.of("Conv2d", "SequentialBlock", "Dropout", "BatchNorm2d", "Relu", "LeakyRelu",
                "MaxPool", "Bottleneck", "AsppSum", "AsppConcat", "ImagePooling", "BilinearUpsample", "Decoder",
                "DeepLabV2Net", "DeepLabV3PlusNet");
        Set<String> seen = new HashSet<>();
        var todo = new ArrayDeque<Block>();
        for (String name : SegmenterRegistry.names()) {
            todo.add(SegmenterRegistry.create(name, 3).block());
        }
        todo.add(OutputDiscriminator.create(3, 8));
        while (!todo.isEmpty()) {
            Block b = todo.pop();
            assertTrue(!(b instanceof LambdaBlock), "no lambda blocks");
            seen.add(b.getClass().getSimpleName());
            b.getChildren().values().forEach(todo::add);
        }
        assertTrue(allowed.containsAll(seen), "unexpected block types " + seen);
        assertTrue(seen.contains(Conv2d.class.getSimpleName()) && seen.contains(Dropout.class.getSimpleName()));
    }

    /** Checkpoints use DJL's own format: Model.save then Model.load into a fresh network restores the forward. */
    @Test
    void djlModelSaveAndLoadRestoreTheForwardExactly(@TempDir Path dir) throws Exception {
        for (String name : new String[] {"deeplabv2-tiny-multi", "deeplabv3plus-tiny"}) {
            Engine.getInstance().setRandomSeed(21);
            Segmenter a = SegmenterRegistry.create(name, 4);
            float[] expected;
            try (Model model = Model.newInstance(name)) {
                model.setBlock(a.block());
                a.initialize(model.getNDManager());
                NDArray x = model.getNDManager().randomNormal(new Shape(2, 3, 40, 48));
                var ps = new ParameterStore(model.getNDManager(), false);
                a.forward(ps, x, true); // moves the running statistics away from their initial values
                expected = a.forward(ps, x, false).get(0).toFloatArray();
                model.save(dir, name);
                Engine.getInstance().setRandomSeed(22);
                Segmenter b = SegmenterRegistry.create(name, 4);
                try (Model loaded = Model.newInstance(name)) {
                    loaded.setBlock(b.block());
                    loaded.load(dir, name);
                    NDArray x2 = loaded.getNDManager().create(x.toFloatArray(), x.getShape());
                    float[] actual = b.forward(new ParameterStore(loaded.getNDManager(), false), x2, false).get(0)
                            .toFloatArray();
                    assertArrayEquals(expected, actual, name);
                    assertTrue(!b.parameters().get("bn1.weight").requiresGradient() == (b.family() == Family.DEEPLAB_V2),
                            "loading keeps the frozen flags");
                }
            }
        }
    }
}
