package io.adaptseg.train.model.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * DeepLab-v2: a dilated {@link ResNetTrunk} (output stride 8) and one {@link AsppSum} classifier per
 * head, each fed by layer3 or layer4. Children: {@code conv1, bn1, relu, maxpool, layer1 … layer4}, then
 * the head modules by their reference names ({@code layer5}, {@code layer6}). Input {@code [image]};
 * output: one logits array per head, in {@link #heads()} order, each named by its head.
 */
public final class DeepLabV2Net extends AbstractBlock {
    /** A classifier head: logical name ({@code main}, {@code aux}, {@code c1} …), module name, tapped layer (3 or 4). */
    public record Head(String name, String module, int tapLayer) {
        public Head {
            if (tapLayer != 3 && tapLayer != 4) {
                throw new IllegalArgumentException("a DeepLab-v2 head taps layer3 or layer4, found layer" + tapLayer);
            }
        }
    }

    private final ResNetTrunk trunk;
    private final List<Head> heads;
    private final List<AsppSum> classifiers;

    /** {@code classifiers.get(i)} computes {@code heads.get(i)}. */
    public DeepLabV2Net(ResNetTrunk trunk, List<Head> heads, List<AsppSum> classifiers) {
        if (heads.isEmpty() || heads.size() != classifiers.size()) {
            throw new IllegalArgumentException("need one classifier per head, found " + heads.size() + " heads and "
                    + classifiers.size() + " classifiers");
        }
        var names = new HashSet<String>();
        for (Head h : heads) {
            if (!names.add(h.name()) || !names.add("module:" + h.module())) {
                throw new IllegalArgumentException("duplicate head or module name in " + heads);
            }
        }
        this.trunk = trunk;
        trunk.children().forEach(this::addChildBlock);
        for (int i = 0; i < heads.size(); i++) {
            addChildBlock(heads.get(i).module(), classifiers.get(i));
        }
        this.heads = List.copyOf(heads);
        this.classifiers = List.copyOf(classifiers);
    }

    public ResNetTrunk trunk() {
        return trunk;
    }

    public List<Head> heads() {
        return heads;
    }

    /** The classifier of each head, in {@link #heads()} order. */
    public List<AsppSum> classifiers() {
        return classifiers;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray[] layers = trunk.forward(ps, inputs.singletonOrThrow(), training, params);
        NDList out = new NDList(heads.size());
        for (int i = 0; i < heads.size(); i++) {
            NDArray logits = Chains.run(classifiers.get(i), ps, layers[heads.get(i).tapLayer() - 1], training, params);
            logits.setName(heads.get(i).name());
            out.add(logits);
        }
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType type, Shape... inputShapes) {
        Shape[] layers = trunk.initialize(manager, type, inputShapes[0]);
        for (int i = 0; i < heads.size(); i++) {
            classifiers.get(i).initialize(manager, type, layers[heads.get(i).tapLayer() - 1]);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] layers = trunk.shapes(inputShapes[0]);
        List<Shape> out = new ArrayList<>();
        for (int i = 0; i < heads.size(); i++) {
            out.add(Chains.shape(classifiers.get(i), layers[heads.get(i).tapLayer() - 1]));
        }
        return out.toArray(Shape[]::new);
    }
}
