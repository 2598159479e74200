package io.adaptseg.train.model.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * DeepLab-v3+ ASPP: parallel branches on the same input (each a {@link SequentialBlock} of
 * {@code Conv2d, BatchNorm2d, Relu}, or an {@link ImagePooling}), concatenated along channels in branch
 * order, then {@code project} (a {@link SequentialBlock}: 1×1 conv, BN, ReLU, dropout). Children:
 * {@code branches.0 …}, {@code project}. ONNX: the branches, {@code Concat(axis=1)}, the projection.
 */
public final class AsppConcat extends AbstractBlock {
    private final List<Block> branches;
    private final SequentialBlock project;

    public AsppConcat(List<Block> branches, SequentialBlock project) {
        if (branches.isEmpty()) {
            throw new IllegalArgumentException("an ASPP needs at least one branch");
        }
        for (int i = 0; i < branches.size(); i++) {
            addChildBlock("branches." + i, branches.get(i));
        }
        this.branches = List.copyOf(branches);
        this.project = addChildBlock("project", project);
    }

    /** The parallel branches, in concatenation order. */
    public List<Block> branches() {
        return branches;
    }

    public SequentialBlock project() {
        return project;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDList outs = new NDList(branches.size());
        for (Block b : branches) {
            outs.add(Chains.run(b, ps, x, training, params));
        }
        return project.forward(ps, new NDList(NDArrays.concat(outs, 1)), training, params);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType type, Shape... inputShapes) {
        long channels = 0;
        Shape out = null;
        for (Block b : branches) {
            out = Chains.initialize(manager, type, inputShapes[0], b);
            channels += out.get(1);
        }
        project.initialize(manager, type, new Shape(out.get(0), channels, out.get(2), out.get(3)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long channels = 0;
        Shape out = null;
        for (Block b : branches) {
            out = Chains.shape(b, inputShapes[0]);
            channels += out.get(1);
        }
        return project.getOutputShapes(new Shape[] {new Shape(out.get(0), channels, out.get(2), out.get(3))});
    }
}
