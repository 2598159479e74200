package io.adaptseg.train.model.blocks;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Leaky ReLU, {@code x >= 0 ? x : slope * x}; ONNX {@code LeakyRelu(alpha = slope)}. */
public final class LeakyRelu extends AbstractBlock {
    private final float slope;

    public LeakyRelu(float slope) {
        if (!(slope >= 0 && slope < 1)) {
            throw new IllegalArgumentException("slope must be in [0, 1), found " + slope);
        }
        this.slope = slope;
    }

    /** The negative slope (0.2 in the output-space discriminator). */
    public float slope() {
        return slope;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(Activation.leakyRelu(inputs.singletonOrThrow(), slope));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
