package io.adaptseg.train.model.blocks;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Shared plumbing of the composite blocks: initialise and run single-input children one after another. */
final class Chains {
    private Chains() {
    }

    /** Initialises {@code block} for {@code input} and returns its output shape. */
    static Shape initialize(NDManager manager, DataType type, Shape input, Block block) {
        block.initialize(manager, type, input);
        return block.getOutputShapes(new Shape[] {input})[0];
    }

    /** Output shape of {@code block} for a single input shape. */
    static Shape shape(Block block, Shape input) {
        return block.getOutputShapes(new Shape[] {input})[0];
    }

    /** Runs {@code block} on one array and returns its single output. */
    static ai.djl.ndarray.NDArray run(Block block, ParameterStore ps, ai.djl.ndarray.NDArray x, boolean training,
            PairList<String, Object> params) {
        return block.forward(ps, new NDList(x), training, params).singletonOrThrow();
    }
}
