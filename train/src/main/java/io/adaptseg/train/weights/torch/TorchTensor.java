package io.adaptseg.train.weights.torch;

import java.util.Arrays;

/**
 * One tensor of a PyTorch file, contiguous, with its values converted: {@code floats} for the floating
 * types (float16, bfloat16 and float32 exactly, float64 rounded), {@code longs} for integer and bool
 * types; the other array is null.
 *
 * @param name the key in the state dict (after the container and {@code module.} prefix are removed)
 * @param type the element type of the file's storage
 */
public record TorchTensor(String name, StorageType type, long[] shape, float[] floats, long[] longs) {
    public TorchTensor {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The shape as PyTorch prints it, e.g. {@code (19, 2048, 3, 3)}. */
    public String shapeText() {
        String s = Arrays.toString(shape);
        return "(" + s.substring(1, s.length() - 1) + (shape.length == 1 ? ",)" : ")");
    }

    /** A copy under another name. */
    public TorchTensor renamed(String newName) {
        return new TorchTensor(newName, type, shape, floats, longs);
    }
}
