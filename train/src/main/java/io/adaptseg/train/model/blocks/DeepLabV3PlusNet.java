package io.adaptseg.train.model.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * DeepLab-v3+: a {@link ResNetTrunk} at output stride 16, {@link AsppConcat} on layer4, and the
 * {@link Decoder} on (layer1, ASPP). Children: {@code conv1, bn1, relu, maxpool, layer1 … layer4,
 * aspp, decoder}. Input {@code [image]}; output {@code [main, features]} (named so): logits and the
 * penultimate features, both at stride 4.
 */
public final class DeepLabV3PlusNet extends AbstractBlock {
    /** Name of the logits output. */
    public static final String MAIN = "main";
    /** Name of the penultimate-feature output. */
    public static final String FEATURES = "features";

    private final ResNetTrunk trunk;
    private final AsppConcat aspp;
    private final Decoder decoder;

    public DeepLabV3PlusNet(ResNetTrunk trunk, AsppConcat aspp, Decoder decoder) {
        this.trunk = trunk;
        trunk.children().forEach(this::addChildBlock);
        this.aspp = addChildBlock("aspp", aspp);
        this.decoder = addChildBlock("decoder", decoder);
    }

    public ResNetTrunk trunk() {
        return trunk;
    }

    public AsppConcat aspp() {
        return aspp;
    }

    public Decoder decoder() {
        return decoder;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray[] layers = trunk.forward(ps, inputs.singletonOrThrow(), training, params);
        NDArray high = Chains.run(aspp, ps, layers[3], training, params);
        NDList out = decoder.forward(ps, new NDList(layers[0], high), training, params);
        out.get(0).setName(MAIN);
        out.get(1).setName(FEATURES);
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType type, Shape... inputShapes) {
        Shape[] layers = trunk.initialize(manager, type, inputShapes[0]);
        Shape high = Chains.initialize(manager, type, layers[3], aspp);
        decoder.initialize(manager, type, layers[0], high);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] layers = trunk.shapes(inputShapes[0]);
        return decoder.getOutputShapes(new Shape[] {layers[0], Chains.shape(aspp, layers[3])});
    }
}
