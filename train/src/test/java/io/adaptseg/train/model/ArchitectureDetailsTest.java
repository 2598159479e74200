package io.adaptseg.train.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import io.adaptseg.train.model.blocks.AsppSum;
import io.adaptseg.train.model.blocks.BatchNorm2d;
import io.adaptseg.train.model.blocks.Bottleneck;
import io.adaptseg.train.model.blocks.DeepLabV2Net;
import io.adaptseg.train.model.blocks.DeepLabV3PlusNet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Strides, dilations and BatchNorm conventions, read back through the getters the exporter uses. */
class ArchitectureDetailsTest {
    private static Bottleneck block(SequentialBlock layer, int i) {
        return (Bottleneck) layer.getChildren().get(i).getValue();
    }

    private static long stride(Conv2d c) {
        return c.getStride().get(0);
    }

    private static long dilation(Conv2d c) {
        return c.getDilation().get(0);
    }

    @Test
    void deeplabV2IsCaffeStyleWithDilations2And4AndFourRateAspp() throws Exception {
        var net = (DeepLabV2Net) SegmenterRegistry.create("deeplabv2-r101-multi", 19).block();
        List<SequentialBlock> layers = net.trunk().layers();
        assertEquals(List.of(3, 4, 23, 3), layers.stream().map(l -> l.getChildren().size()).toList());
        Bottleneck l2 = block(layers.get(1), 0);
        assertEquals(2, stride(l2.conv1()), "Caffe style: stride on the first 1x1");
        assertEquals(1, stride(l2.conv2()));
        assertTrue(net.trunk().maxpool().ceilMode());
        for (int b = 0; b < 23; b++) {
            assertEquals(2, dilation(block(layers.get(2), b).conv2()));
            assertEquals(2, block(layers.get(2), b).conv2().getPadding().get(0));
        }
        for (int b = 0; b < 3; b++) {
            assertEquals(4, dilation(block(layers.get(3), b).conv2()));
        }
        assertTrue(block(layers.get(2), 0).downsample().isPresent(), "dilated layers project in their first block");
        assertTrue(block(layers.get(2), 1).downsample().isEmpty());
        assertEquals(List.of("aux", "main"), net.heads().stream().map(DeepLabV2Net.Head::name).toList());
        AsppSum main = net.classifiers().get(1);
        assertEquals(List.of(6L, 12L, 18L, 24L), main.convs().stream().map(ArchitectureDetailsTest::dilation).toList());
        assertEquals(List.of(6L, 12L, 18L, 24L), main.convs().stream().map(c -> c.getPadding().get(0)).toList());
        assertTrue(main.convs().stream().allMatch(Conv2d::isIncludeBias));
    }

    @Test
    void deeplabV3PlusIsTorchvisionStyleAtStride16WithMultiGrid() throws Exception {
        var net = (DeepLabV3PlusNet) SegmenterRegistry.create("deeplabv3plus-r101", 19).block();
        List<SequentialBlock> layers = net.trunk().layers();
        Bottleneck l3 = block(layers.get(2), 0);
        assertEquals(1, stride(l3.conv1()));
        assertEquals(2, stride(l3.conv2()), "torchvision style: stride on the 3x3");
        assertEquals(List.of(2L, 4L, 8L), List.of(dilation(block(layers.get(3), 0).conv2()),
                dilation(block(layers.get(3), 1).conv2()), dilation(block(layers.get(3), 2).conv2())));
        assertEquals(1, stride(block(layers.get(3), 0).conv2()));
        assertEquals(5, net.aspp().branches().size());
        assertTrue(net.decoder().upsample().alignCorners());
    }

    @Test
    void batchNormFollowsPyTorchMomentumAndUnbiasedRunningVariance() {
        try (NDManager m = NDManager.newBaseManager()) {
            BatchNorm2d bn = new BatchNorm2d(1);
            bn.initialize(m, DataType.FLOAT32, new Shape(1, 1, 2, 2));
            NDArray x = m.create(new float[] {1, 2, 3, 6}, new Shape(1, 1, 2, 2));
            var ps = new ParameterStore(m, false);
            NDArray train = bn.forward(ps, new NDList(x), true).singletonOrThrow();
            // batch mean 3, biased variance 3.5, unbiased 14/3
            assertArrayEquals(new float[] {0.3f}, bn.runningMean().getArray().toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {0.9f + 0.1f * 14f / 3f}, bn.runningVar().getArray().toFloatArray(), 1e-6f);
            assertEquals((1 - 3) / Math.sqrt(3.5 + 1e-5), train.toFloatArray()[0], 1e-5);
            NDArray eval = bn.forward(ps, new NDList(x), false).singletonOrThrow();
            double rv = 0.9 + 0.1 * 14 / 3.0;
            assertEquals((1 - 0.3) / Math.sqrt(rv + 1e-5), eval.toFloatArray()[0], 1e-5);
        }
    }
}
