package io.adaptseg.train.model.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The image-pooling branch of the DeepLab-v3+ ASPP: global average over H×W, 1×1 {@code conv}, {@code bn},
 * ReLU, then broadcast back to the input's H×W (what the reference's bilinear resize of a 1×1 map
 * computes). ONNX: {@code GlobalAveragePool → Conv → BatchNormalization → Relu → Expand}.
 */
public final class ImagePooling extends AbstractBlock {
    private final Conv2d conv;
    private final BatchNorm2d bn;

    public ImagePooling(Conv2d conv, BatchNorm2d bn) {
        this.conv = addChildBlock("conv", conv);
        this.bn = addChildBlock("bn", bn);
    }

    public Conv2d conv() {
        return conv;
    }

    public BatchNorm2d bn() {
        return bn;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        // the PyTorch engine averages over one axis at a time
        NDArray pooled = x.mean(new int[] {3}, true).mean(new int[] {2}, true);
        NDArray y = Activation.relu(Chains.run(bn, ps, Chains.run(conv, ps, pooled, training, params), training, params));
        return new NDList(y.broadcast(new Shape(s.get(0), y.getShape().get(1), s.get(2), s.get(3))));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType type, Shape... inputShapes) {
        Shape in = inputShapes[0];
        Shape pooled = new Shape(in.get(0), in.get(1), 1, 1);
        Chains.initialize(manager, type, Chains.initialize(manager, type, pooled, conv), bn);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), conv.getFilters(), in.get(2), in.get(3))};
    }
}
