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
 * 18, 24, with bias) whose outputs are <b>summed</b>: the first {@link #summedBranches()} of them. All
 * four are intended; AdaptSegNet and MaxSquare return from inside the summing loop
 * ({@code model/deeplab_multi.py:114-118}), so their networks, and the checkpoints they published, use
 * branches 0 and 1 only. Every branch stays a child either way, so a two-branch network reads and
 * writes the same four-branch state dict. Children are named {@code conv2d_list.0 …}, as the reference
 * {@code Classifier_Module}, so our parameter names equal the reference state-dict names.
 */
public final class AsppSum extends AbstractBlock {
    private final List<Conv2d> convs;
    private final int summedBranches;

    /** Sums all of {@code convs}. */
    public AsppSum(List<Conv2d> convs) {
        this(convs, convs.size());
    }

    /** Sums the first {@code summedBranches} of {@code convs}; the rest are parameters only. */
    public AsppSum(List<Conv2d> convs, int summedBranches) {
        if (convs.isEmpty()) {
            throw new IllegalArgumentException("an ASPP sum needs at least one convolution");
        }
        if (summedBranches < 1 || summedBranches > convs.size()) {
            throw new IllegalArgumentException("an ASPP sum of " + convs.size() + " convolutions sums 1.." + convs.size()
                    + " of them, found " + summedBranches);
        }
        this.summedBranches = summedBranches;
        for (int i = 0; i < convs.size(); i++) {
            addChildBlock("conv2d_list." + i, convs.get(i));
        }
        this.convs = List.copyOf(convs);
    }

    /** All branches, in summation order (also those not summed). */
    public List<Conv2d> convs() {
        return convs;
    }

    /** How many branches, from the first, the forward sums. */
    public int summedBranches() {
        return summedBranches;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray sum = Chains.run(convs.get(0), ps, x, training, params);
        for (int i = 1; i < summedBranches; i++) {
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
