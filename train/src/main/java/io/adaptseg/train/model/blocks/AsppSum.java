package io.adaptseg.train.model.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * DeepLab-v2 classifier: parallel {@link Conv2d}s on the same input (3×3, dilation = padding = 6, 12,
 * 18, 24, with bias) whose outputs are <b>summed</b> (all of them; two reference repositories
 * accidentally sum only the first two). Children are named {@code conv2d_list.0 …}, as the reference
 * {@code Classifier_Module}, so our parameter names equal the reference state-dict names.
 */
public final class AsppSum extends AbstractBlock {
    private final List<Conv2d> convs;

    public AsppSum(List<Conv2d> convs) {
        if (convs.isEmpty()) {
            throw new IllegalArgumentException("an ASPP sum needs at least one convolution");
        }
        for (int i = 0; i < convs.size(); i++) {
            addChildBlock("conv2d_list." + i, convs.get(i));
        }
        this.convs = List.copyOf(convs);
    }

    /** The branches, in summation order. */
    public List<Conv2d> convs() {
        return convs;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray sum = Chains.run(convs.get(0), ps, x, training, params);
        for (int i = 1; i < convs.size(); i++) {
            sum = sum.add(Chains.run(convs.get(i), ps, x, training, params));
        }
        return new NDList(sum);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType type, Shape... inputShapes) {
        for (Conv2d c : convs) {
            c.initialize(manager, type, inputShapes[0]);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {Chains.shape(convs.get(0), inputShapes[0])};
    }
}
