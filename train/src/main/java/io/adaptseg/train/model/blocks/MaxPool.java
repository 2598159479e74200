package io.adaptseg.train.model.blocks;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Square 2-D max pooling with symmetric padding and PyTorch's ceil-mode rule; ONNX
 * {@code MaxPool(kernel_shape, strides, pads, ceil_mode)}. DeepLab-v2 uses 3×3/2 pad 1 with ceil mode.
 */
public final class MaxPool extends AbstractBlock {
    private final int kernel;
    private final int stride;
    private final int padding;
    private final boolean ceilMode;

    public MaxPool(int kernel, int stride, int padding, boolean ceilMode) {
        if (kernel <= 0 || stride <= 0 || padding < 0 || 2 * padding > kernel) {
            throw new IllegalArgumentException("invalid max pool kernel " + kernel + ", stride " + stride
                    + ", padding " + padding);
        }
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.ceilMode = ceilMode;
    }

    public int kernel() {
        return kernel;
    }

    public int stride() {
        return stride;
    }

    public int padding() {
        return padding;
    }

    public boolean ceilMode() {
        return ceilMode;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(inputs.singletonOrThrow().getNDArrayInternal().maxPool(new Shape(kernel, kernel),
                new Shape(stride, stride), new Shape(padding, padding), ceilMode));
    }

    /** Output length along one axis, PyTorch's formula (a ceil-mode window must start inside the input). */
    public long outputSize(long input) {
        long span = input + 2L * padding - kernel;
        long out = (ceilMode ? Math.ceilDiv(span, stride) : Math.floorDiv(span, stride)) + 1;
        if (ceilMode && (out - 1) * stride >= input + padding) {
            out--;
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1), outputSize(in.get(2)), outputSize(in.get(3)))};
    }
}
