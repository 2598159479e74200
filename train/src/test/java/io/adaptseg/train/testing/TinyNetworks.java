package io.adaptseg.train.testing;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import io.adaptseg.core.model.Normalization;
import io.adaptseg.train.method.TrainableSegmenter;
import java.util.List;

/**
 * Stand-in networks for fast tests: a two-head segmenter at output stride 2 (aux head on the first
 * features, main head after one more conv) and a two-conv discriminator.
 */
public final class TinyNetworks {
    private TinyNetworks() {
    }

    /** A two-head (aux, main) segmenter, initialised for 3-channel inputs. */
    public static TrainableSegmenter twoHeads(NDManager manager, int classes) {
        Block aux = new SequentialBlock().add(conv(classes, 1, 1, 0));
        Block main = new SequentialBlock().add(conv(8, 3, 1, 1)).add(Activation::relu).add(conv(classes, 1, 1, 0));
        Block heads = new ParallelBlock(list -> new NDList(list.get(0).singletonOrThrow(), list.get(1).singletonOrThrow()),
                List.of(aux, main));
        SequentialBlock net = new SequentialBlock().add(conv(8, 3, 2, 1)).add(Activation::relu).add(heads);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 64));
        return new TrainableSegmenter("tiny-multi", net, List.of("aux", "main"), "main", classes,
                Normalization.RGB_UNIT, name -> name.startsWith("03"));
    }

    /** A discriminator: conv 4x4/2 to 8 channels, LeakyReLU 0.2, conv 4x4/2 to 1. */
    public static Block discriminator(int classes) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(4, 4)).optStride(new Shape(2, 2)).optPadding(new Shape(1, 1)).setFilters(8).build())
                .add(x -> new NDList(Activation.leakyRelu(x.singletonOrThrow(), 0.2f)))
                .add(Conv2d.builder().setKernelShape(new Shape(4, 4)).optStride(new Shape(2, 2)).optPadding(new Shape(1, 1)).setFilters(1).build());
    }

    private static Block conv(int filters, int kernel, int stride, int pad) {
        return Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).optStride(new Shape(stride, stride))
                .optPadding(new Shape(pad, pad)).setFilters(filters).build();
    }
}
