package io.adaptseg.train.model.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * DeepLab-v3+ decoder. Inputs {@code [lowLevel, high]} (layer1 features at stride 4, ASPP output at
 * stride 16). Dataflow:
 * <pre>
 *   r        = reduce(lowLevel)                     1×1 conv → 48 ch, BN, ReLU
 *   up       = upsample([high, r])                  bilinear to r's H×W (align corners)
 *   features = fuse(concat(up, r, axis 1))          3×3 conv, BN, ReLU, dropout 0.5, 3×3 conv, BN, ReLU
 *   dropped  = dropout(features)                    dropout 0.1
 *   logits   = classifier(dropped)                  1×1 conv with bias
 * </pre>
 * Outputs {@code [logits, dropped]}: the 256-d penultimate activations after the 0.1 dropout, CAG's
 * anchor space ({@code models/decoder.py:37-40} returns the tensor the classifier sees; the same as
 * {@code features} outside training). Concatenation order is upsampled high-level first, as the reference.
 */
public final class Decoder extends AbstractBlock {
    private final SequentialBlock reduce;
    private final BilinearUpsample upsample;
    private final SequentialBlock fuse;
    private final Dropout dropout;
    private final Conv2d classifier;

    public Decoder(SequentialBlock reduce, BilinearUpsample upsample, SequentialBlock fuse, Dropout dropout,
            Conv2d classifier) {
        this.reduce = addChildBlock("reduce", reduce);
        this.upsample = addChildBlock("upsample", upsample);
        this.fuse = addChildBlock("fuse", fuse);
        this.dropout = addChildBlock("dropout", dropout);
        this.classifier = addChildBlock("classifier", classifier);
    }

    public SequentialBlock reduce() {
        return reduce;
    }

    public BilinearUpsample upsample() {
        return upsample;
    }

    public SequentialBlock fuse() {
        return fuse;
    }

    /** Identity at inference. */
    public Dropout dropout() {
        return dropout;
    }

    public Conv2d classifier() {
        return classifier;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException("Decoder takes [lowLevel, high], found " + inputs.size() + " inputs");
        }
        NDArray r = Chains.run(reduce, ps, inputs.get(0), training, params);
        NDArray up = upsample.forward(ps, new NDList(inputs.get(1), r), training, params).singletonOrThrow();
        NDArray features = Chains.run(fuse, ps, NDArrays.concat(new NDList(up, r), 1), training, params);
        NDArray dropped = Chains.run(dropout, ps, features, training, params);
        NDArray logits = Chains.run(classifier, ps, dropped, training, params);
        return new NDList(logits, dropped);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType type, Shape... inputShapes) {
        Shape r = Chains.initialize(manager, type, inputShapes[0], reduce);
        Shape up = upsample.getOutputShapes(new Shape[] {inputShapes[1], r})[0];
        upsample.initialize(manager, type, inputShapes[1], r);
        Shape f = Chains.initialize(manager, type, new Shape(r.get(0), r.get(1) + up.get(1), r.get(2), r.get(3)), fuse);
        Chains.initialize(manager, type, Chains.initialize(manager, type, f, dropout), classifier);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape r = Chains.shape(reduce, inputShapes[0]);
        Shape up = upsample.getOutputShapes(new Shape[] {inputShapes[1], r})[0];
        Shape f = Chains.shape(fuse, new Shape(r.get(0), r.get(1) + up.get(1), r.get(2), r.get(3)));
        return new Shape[] {Chains.shape(classifier, f), f};
    }
}
