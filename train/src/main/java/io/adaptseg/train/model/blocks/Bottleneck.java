package io.adaptseg.train.model.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Optional;

/**
 * ResNet bottleneck residual block:
 * {@code relu(bn3(conv3(relu(bn2(conv2(relu(bn1(conv1(x))))))) + shortcut(x))}, where the shortcut is
 * the identity or {@code downsample} (a {@link SequentialBlock} of a 1×1 {@link Conv2d} and a
 * {@link BatchNorm2d}). Whether the stride sits on conv1 (Caffe style, DeepLab-v2) or conv2
 * (torchvision style, DeepLab-v3+) and the dilation of conv2 are read from the convolutions themselves.
 * Child names follow PyTorch ({@code conv1 … bn3}, {@code downsample.0/1}).
 */
public final class Bottleneck extends AbstractBlock {
    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final Conv2d conv2;
    private final BatchNorm2d bn2;
    private final Conv2d conv3;
    private final BatchNorm2d bn3;
    private final SequentialBlock downsample;

    /** {@code downsample} may be null for an identity shortcut. */
    public Bottleneck(Conv2d conv1, BatchNorm2d bn1, Conv2d conv2, BatchNorm2d bn2, Conv2d conv3,
            BatchNorm2d bn3, SequentialBlock downsample) {
        this.conv1 = addChildBlock("conv1", conv1);
        this.bn1 = addChildBlock("bn1", bn1);
        this.conv2 = addChildBlock("conv2", conv2);
        this.bn2 = addChildBlock("bn2", bn2);
        this.conv3 = addChildBlock("conv3", conv3);
        this.bn3 = addChildBlock("bn3", bn3);
        this.downsample = downsample == null ? null : addChildBlock("downsample", downsample);
    }

    public Conv2d conv1() {
        return conv1;
    }

    public BatchNorm2d bn1() {
        return bn1;
    }

    public Conv2d conv2() {
        return conv2;
    }

    public BatchNorm2d bn2() {
        return bn2;
    }

    public Conv2d conv3() {
        return conv3;
    }

    public BatchNorm2d bn3() {
        return bn3;
    }

    /** The projection shortcut ({@code Conv2d}, {@code BatchNorm2d}), empty for the identity. */
    public Optional<SequentialBlock> downsample() {
        return Optional.ofNullable(downsample);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray out = Activation.relu(Chains.run(bn1, ps, Chains.run(conv1, ps, x, training, params), training, params));
        out = Activation.relu(Chains.run(bn2, ps, Chains.run(conv2, ps, out, training, params), training, params));
        out = Chains.run(bn3, ps, Chains.run(conv3, ps, out, training, params), training, params);
        NDArray shortcut = downsample == null ? x : Chains.run(downsample, ps, x, training, params);
        return new NDList(Activation.relu(out.add(shortcut)));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType type, Shape... inputShapes) {
        Shape s = Chains.initialize(manager, type, inputShapes[0], conv1);
        s = Chains.initialize(manager, type, s, bn1);
        s = Chains.initialize(manager, type, s, conv2);
        s = Chains.initialize(manager, type, s, bn2);
        s = Chains.initialize(manager, type, s, conv3);
        Chains.initialize(manager, type, s, bn3);
        if (downsample != null) {
            downsample.initialize(manager, type, inputShapes[0]);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        for (var b : new ai.djl.nn.Block[] {conv1, conv2, conv3}) {
            s = Chains.shape(b, s);
        }
        return new Shape[] {s};
    }
}
