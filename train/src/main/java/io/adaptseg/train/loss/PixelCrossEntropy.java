package io.adaptseg.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.adaptseg.train.nd.Scalars;

/**
 * Cross-entropy over classes for every pixel, averaged over pixels whose label is not the ignore
 * value (the reference {@code CrossEntropy2d}); ignored pixels get exactly zero gradient. With no
 * valid pixel at all the loss is 0.
 */
public final class PixelCrossEntropy {
    /** The label every dataset of the project uses for "not evaluated". */
    public static final int IGNORE = 255;

    private PixelCrossEntropy() {
    }

    /**
     * @param logits (N, C, H, W) float
     * @param labels (N, H, W) integer class indices in [0, C) or {@link #IGNORE}
     * @return scalar mean loss over valid pixels
     */
    public static NDArray compute(NDArray logits, NDArray labels) {
        return compute(logits, labels, IGNORE);
    }

    /** As {@link #compute(NDArray, NDArray)} with a chosen ignore value. */
    public static NDArray compute(NDArray logits, NDArray labels, int ignore) {
        checkShapes(logits, labels);
        NDArray labels64 = labels.toType(DataType.INT64, false);
        NDArray valid = labels64.neq(ignore);
        // ignored pixels gather class 0, then the mask removes them from both sum and count
        NDArray safe = labels64.mul(valid.toType(DataType.INT64, false));
        NDArray logp = logits.logSoftmax(1);
        NDArray picked = logp.gather(safe.expandDims(1), 1).squeeze(1);
        NDArray mask = valid.toType(logits.getDataType(), false);
        NDArray count = Scalars.atLeast(mask.sum(), 1);
        return picked.mul(mask).sum().neg().div(count);
    }

    static void checkShapes(NDArray logits, NDArray labels) {
        var ls = logits.getShape();
        var ys = labels.getShape();
        if (ls.dimension() != 4 || ys.dimension() != 3 || ls.get(0) != ys.get(0)
                || ls.get(2) != ys.get(1) || ls.get(3) != ys.get(2)) {
            throw new IllegalArgumentException("cross-entropy needs logits (N,C,H,W) and labels (N,H,W) of the same"
                    + " N, H, W; found logits " + ls + " and labels " + ys);
        }
    }
}
