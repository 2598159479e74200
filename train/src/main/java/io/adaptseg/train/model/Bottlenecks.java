package io.adaptseg.train.model;

import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import io.adaptseg.train.model.blocks.BatchNorm2d;
import io.adaptseg.train.numerics.TorchNumerics;
import io.adaptseg.train.model.blocks.Bottleneck;
import io.adaptseg.train.model.blocks.MaxPool;
import io.adaptseg.train.model.blocks.Relu;
import io.adaptseg.train.model.blocks.ResNetTrunk;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/** Builds ResNet trunks of either style from a {@link ResNetSpec}; also the one place convs are made
 * (which makes it the place that settles {@link TorchNumerics} before any convolution runs). */
final class Bottlenecks {
    static final int EXPANSION = 4;

    private Bottlenecks() {
    }

    /** Where a strided bottleneck puts its stride. */
    enum Style {
        /** On the first 1×1 conv (Caffe, the DeepLab-v2 reference). */
        CAFFE,
        /** On the 3×3 conv (torchvision). */
        TORCHVISION
    }

    /** A square convolution with symmetric padding; bias initialised uniform(±1/√fan_in) as PyTorch. */
    static Conv2d conv(int in, int out, int kernel, int stride, int padding, int dilation, boolean bias,
            Initializer weightInit) {
        // every network's convolutions are made here, so the route is decided before any of them runs
        TorchNumerics.ensureConfigured();
        Conv2d c = Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).setFilters(out)
                .optStride(new Shape(stride, stride)).optPadding(new Shape(padding, padding))
                .optDilation(new Shape(dilation, dilation)).optBias(bias).build();
        c.setInitializer(weightInit, Parameter.Type.WEIGHT);
        if (bias) {
            c.setInitializer(Initializers.uniform(1.0 / Math.sqrt((double) in * kernel * kernel)), Parameter.Type.BIAS);
        }
        return c;
    }

    /**
     * A trunk: conv1 7×7/2 pad 3, BN, ReLU, max pool 3×3/2 pad 1 ({@code ceilMode} for DeepLab-v2), then
     * four layers with the given strides and per-block dilations ({@code dilation.applyAsInt(layer*100+block)}).
     */
    static ResNetTrunk trunk(ResNetSpec spec, Style style, boolean ceilMode, int[] strides, IntUnaryOperator dilation) {
        Initializer init = Initializers.kaimingFanOut();
        Conv2d conv1 = conv(3, spec.stemChannels(), 7, 2, 3, 1, false, init);
        List<SequentialBlock> layers = new ArrayList<>();
        int inplanes = spec.stemChannels();
        int[] blocks = spec.blocks();
        for (int k = 1; k <= 4; k++) {
            int planes = spec.width() << (k - 1);
            SequentialBlock layer = new SequentialBlock();
            for (int b = 0; b < blocks[k - 1]; b++) {
                int stride = b == 0 ? strides[k - 1] : 1;
                int d = dilation.applyAsInt(k * 100 + b);
                // The reference adds a projection to the first block of every layer (channels or stride change,
                // or the DeepLab-v2 dilated layers); later blocks keep the identity.
                boolean project = b == 0 && (stride != 1 || inplanes != planes * EXPANSION || d > 1);
                layer.add(bottleneck(inplanes, planes, stride, d, project, style, init));
                inplanes = planes * EXPANSION;
            }
            layers.add(layer);
        }
        return new ResNetTrunk(conv1, new BatchNorm2d(spec.stemChannels()), new Relu(), new MaxPool(3, 2, 1, ceilMode),
                layers);
    }

    private static Bottleneck bottleneck(int inplanes, int planes, int stride, int dilation, boolean project,
            Style style, Initializer init) {
        int s1 = style == Style.CAFFE ? stride : 1;
        int s2 = style == Style.CAFFE ? 1 : stride;
        SequentialBlock downsample = null;
        if (project) {
            downsample = new SequentialBlock().add(conv(inplanes, planes * EXPANSION, 1, stride, 0, 1, false, init))
                    .add(new BatchNorm2d(planes * EXPANSION));
        }
        return new Bottleneck(conv(inplanes, planes, 1, s1, 0, 1, false, init), new BatchNorm2d(planes),
                conv(planes, planes, 3, s2, dilation, dilation, false, init), new BatchNorm2d(planes),
                conv(planes, planes * EXPANSION, 1, 1, 0, 1, false, init), new BatchNorm2d(planes * EXPANSION),
                downsample);
    }
}
