package io.adaptseg.train.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import java.util.Optional;

/**
 * Finds NaN and infinite values in named tensors on the engine (no copy to the Java heap, which
 * for a 44 M-parameter network would be 180 MB per checkpoint). Parameters and running statistics
 * are checked alike: a BatchNorm's {@code running_var} can overflow to infinity while the training
 * loss is still finite, because training-mode forward passes never read it.
 */
public final class FiniteTensors {
    private FiniteTensors() {
    }

    /** A tensor with non-finite values: its name, how many and the first offending value. */
    public record Finding(String name, long count, long size, float first) {
        /** E.g. {@code layer1.0.bn1.running_var has 3 of 64 values non-finite (first Infinity)}. */
        public String describe() {
            return name + " has " + count + " of " + size + " values non-finite (first " + first + ")";
        }
    }

    /** The first tensor of {@code arrays} (floating types only) with a NaN or infinite value. */
    public static Optional<Finding> firstNonFinite(NDList arrays) {
        for (NDArray a : arrays) {
            if (!a.getDataType().isFloating()) {
                continue;
            }
            long count;
            try (NDArray nan = a.isNaN(); NDArray inf = a.isInfinite(); NDArray bad = nan.logicalOr(inf);
                    NDArray n = bad.countNonzero()) {
                count = n.getLong();
                if (count > 0) {
                    float first = Float.NaN;
                    try (NDArray flat = a.flatten(); NDArray mask = bad.flatten(); NDArray picked = flat.get(mask);
                            NDArray f32 = picked.toType(DataType.FLOAT32, false)) {
                        first = f32.toFloatArray()[0];
                    }
                    return Optional.of(new Finding(a.getName(), count, a.size(), first));
                }
            }
        }
        return Optional.empty();
    }
}
