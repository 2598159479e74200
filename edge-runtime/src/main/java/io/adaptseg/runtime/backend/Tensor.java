package io.adaptseg.runtime.backend;

import java.util.Arrays;

/** An output tensor copied out of ONNX Runtime into a flat Java array, row-major. */
public sealed interface Tensor permits Tensor.Floats, Tensor.Ints {
    long[] shape();

    /** Number of elements the shape describes. */
    static int elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return Math.toIntExact(n);
    }

    /** float32 values (logits). */
    record Floats(long[] shape, float[] data) implements Tensor {
        public Floats {
            if (data.length != elementCount(shape)) {
                throw new IllegalArgumentException(data.length + " values for shape " + Arrays.toString(shape));
            }
        }
    }

    /** Integer values (labels; uint8 and int64 outputs both end up here). */
    record Ints(long[] shape, int[] data) implements Tensor {
        public Ints {
            if (data.length != elementCount(shape)) {
                throw new IllegalArgumentException(data.length + " values for shape " + Arrays.toString(shape));
            }
        }
    }
}
