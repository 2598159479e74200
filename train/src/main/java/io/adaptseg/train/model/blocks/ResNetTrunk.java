package io.adaptseg.train.model.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * The ResNet stem and four stages shared by both DeepLab networks (not a block itself: the networks
 * register its parts as their own children {@code conv1, bn1, relu, maxpool, layer1 … layer4}, which
 * gives torchvision's parameter names). Dataflow: {@code maxpool(relu(bn1(conv1(x))))} then
 * {@code layer1 … layer4} in turn, each a {@link SequentialBlock} of {@link Bottleneck}s.
 */
public record ResNetTrunk(Conv2d conv1, BatchNorm2d bn1, Relu relu, MaxPool maxpool, List<SequentialBlock> layers) {
    public ResNetTrunk {
        if (layers.size() != 4) {
            throw new IllegalArgumentException("a ResNet trunk has 4 layers, found " + layers.size());
        }
        layers = List.copyOf(layers);
    }

    /**
     * The parts by the child names a network registers them under, in dataflow order ({@code conv1,
     * bn1, relu, maxpool, layer1 … layer4}); the order fixes the parameter order, so keep it.
     */
    SequencedMap<String, Block> children() {
        SequencedMap<String, Block> children = new LinkedHashMap<>();
        children.put("conv1", conv1);
        children.put("bn1", bn1);
        children.put("relu", relu);
        children.put("maxpool", maxpool);
        for (int i = 0; i < 4; i++) {
            children.put("layer" + (i + 1), layers.get(i));
        }
        return children;
    }

    /** Runs the trunk and returns the outputs of layer1 … layer4. */
    NDArray[] forward(ParameterStore ps, NDArray x, boolean training, PairList<String, Object> params) {
        NDArray y = Chains.run(conv1, ps, x, training, params);
        y = Chains.run(bn1, ps, y, training, params);
        y = Chains.run(relu, ps, y, training, params);
        y = Chains.run(maxpool, ps, y, training, params);
        NDArray[] out = new NDArray[4];
        for (int i = 0; i < 4; i++) {
            y = Chains.run(layers.get(i), ps, y, training, params);
            out[i] = y;
        }
        return out;
    }

    /** Initialises the trunk for {@code input}; returns the output shapes of layer1 … layer4. */
    Shape[] initialize(NDManager manager, DataType type, Shape input) {
        Shape s = Chains.initialize(manager, type, input, conv1);
        s = Chains.initialize(manager, type, s, bn1);
        s = Chains.initialize(manager, type, s, relu);
        s = Chains.initialize(manager, type, s, maxpool);
        Shape[] out = new Shape[4];
        for (int i = 0; i < 4; i++) {
            s = Chains.initialize(manager, type, s, layers.get(i));
            out[i] = s;
        }
        return out;
    }

    /** Output shapes of layer1 … layer4 for {@code input}, from shapes only. */
    Shape[] shapes(Shape input) {
        Shape s = Chains.shape(maxpool, Chains.shape(conv1, input));
        Shape[] out = new Shape[4];
        for (int i = 0; i < 4; i++) {
            s = Chains.shape(layers.get(i), s);
            out[i] = s;
        }
        return out;
    }
}
