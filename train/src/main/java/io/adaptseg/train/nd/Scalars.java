package io.adaptseg.train.nd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic between an NDArray and a Java number that stays correct under autograd.
 *
 * <p>Why: DJL's PyTorch overloads such as {@code x.mul(0.5f)} wrap the number in a tensor created
 * over a Java direct buffer ({@code torch::from_blob}) and close it as soon as the operation
 * returns. Autograd keeps that tensor for the backward pass of {@code mul}, {@code div},
 * {@code pow}, {@code maximum} and {@code minimum}; once the garbage collector frees the buffer,
 * backward reads freed memory and the gradient becomes garbage (1e13 to 1e29 in CAG's stage 1, at
 * iterations that depended on GC timing). The scalars made here come from {@code torch::full}, so
 * PyTorch owns their memory and autograd's reference keeps it alive.
 *
 * <p>{@code add} and {@code sub} with a number are safe (their backward never reads the scalar), and
 * so is everything outside a gradient collector; the training code still uses these helpers
 * everywhere for one rule that {@code ScalarOverloadCheckTest} enforces.
 */
public final class Scalars {
    private Scalars() {
    }

    /** A 0-d tensor holding {@code value} in {@code like}'s data type, on its manager, in PyTorch-owned memory. */
    public static NDArray of(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }

    /** {@code x * value}. */
    public static NDArray times(NDArray x, double value) {
        return x.mul(of(x, value));
    }

    /** {@code x / value}. */
    public static NDArray over(NDArray x, double value) {
        return x.div(of(x, value));
    }

    /** {@code x ^ exponent}. */
    public static NDArray power(NDArray x, double exponent) {
        return x.pow(of(x, exponent));
    }

    /** {@code max(x, floor)} element-wise. */
    public static NDArray atLeast(NDArray x, double floor) {
        return x.maximum(of(x, floor));
    }

    /** In place: {@code x *= value}; returns {@code x}. */
    public static NDArray timesInPlace(NDArray x, double value) {
        return x.muli(of(x, value));
    }
}
