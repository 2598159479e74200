package io.adaptseg.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.adaptseg.train.nd.Scalars;

/**
 * Hard pseudo-labels on target predictions, as int32 (N, H, W) maps with
 * {@link PixelCrossEntropy#IGNORE} where no label is trusted. All are computed without gradient.
 */
public final class PseudoLabels {
    /** The confidence threshold of MaxSquare's guidance and CAG's probability-based labels. */
    public static final double REFERENCE_THRESHOLD = 0.95;

    private PseudoLabels() {
    }

    /** CAG (a): the argmax class where its probability exceeds {@code threshold}, else ignore. */
    public static NDArray confident(NDArray prob, double threshold) {
        NDArray p = prob.stopGradient();
        return masked(p.argMax(1), p.max(new int[] {1}).gt(threshold));
    }

    /**
     * MaxSquare's multi-level self-produced guidance: the argmax of {@code (pMain + pAux) / 2} where
     * either head's top probability exceeds {@code threshold}, else ignore.
     */
    public static NDArray multiLevel(NDArray pMain, NDArray pAux, double threshold) {
        NDArray main = pMain.stopGradient();
        NDArray aux = pAux.stopGradient();
        NDArray trusted = main.max(new int[] {1}).gt(threshold).logicalOr(aux.max(new int[] {1}).gt(threshold));
        return masked(Scalars.over(main.add(aux), 2).argMax(1), trusted);
    }

    static NDArray masked(NDArray classes, NDArray trusted) {
        NDArray keep = trusted.toType(DataType.INT32, false);
        NDArray cls = classes.toType(DataType.INT32, false);
        // keep ? cls : IGNORE, in integer arithmetic
        return cls.mul(keep).add(Scalars.times(keep.neg().add(1), PixelCrossEntropy.IGNORE));
    }
}
