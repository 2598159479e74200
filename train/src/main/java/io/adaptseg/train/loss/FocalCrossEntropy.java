package io.adaptseg.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.adaptseg.train.nd.Scalars;

/**
 * CLAN's segmentation loss: focal cross-entropy {@code -(1 - p)^gamma * log p} of the labelled class,
 * averaged over pixels whose label is not ignored. As the reference {@code CrossEntropy2d} of CLAN,
 * the softmax is clamped to [1e-9, 1 - 1e-9] before the log so a saturated pixel stays finite.
 * With gamma = 0 this is plain cross-entropy (up to the clamp).
 */
public final class FocalCrossEntropy {
    /** CLAN's focusing parameter. */
    public static final double REFERENCE_GAMMA = 2.0;
    private static final float CLAMP = 1e-9f;

    private FocalCrossEntropy() {
    }

    /**
     * @param logits (N, C, H, W)
     * @param labels (N, H, W) class indices or {@link PixelCrossEntropy#IGNORE}
     * @return scalar mean over valid pixels (0 when none is valid)
     */
    public static NDArray compute(NDArray logits, NDArray labels, double gamma) {
        if (gamma < 0) {
            throw new IllegalArgumentException("focal gamma must be >= 0, found " + gamma);
        }
        PixelCrossEntropy.checkShapes(logits, labels);
        NDArray labels64 = labels.toType(DataType.INT64, false);
        NDArray valid = labels64.neq(PixelCrossEntropy.IGNORE);
        NDArray safe = labels64.mul(valid.toType(DataType.INT64, false));
        NDArray p = logits.softmax(1).clip(CLAMP, 1 - CLAMP).gather(safe.expandDims(1), 1).squeeze(1);
        NDArray perPixel = p.log().mul(Scalars.power(p.neg().add(1), gamma)).neg();
        NDArray mask = valid.toType(logits.getDataType(), false);
        return perPixel.mul(mask).sum().div(Scalars.atLeast(mask.sum(), 1));
    }
}
