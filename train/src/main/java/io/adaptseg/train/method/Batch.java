package io.adaptseg.train.method;

import ai.djl.ndarray.NDArray;
import java.util.Optional;

/**
 * One batch on the engine: normalised images (N, 3, H, W) float32 and, for labelled data, trainId
 * labels (N, H, W) int32 with 255 = ignore. Target batches of unsupervised methods have no labels.
 */
public record Batch(NDArray images, Optional<NDArray> labels) {
    public Batch {
        if (images.getShape().dimension() != 4) {
            throw new IllegalArgumentException("images must be (N,3,H,W), found " + images.getShape());
        }
    }

    /** The labels; a method that needs them on an unlabelled batch is a programming error. */
    public NDArray requireLabels() {
        return labels.orElseThrow(() -> new IllegalStateException("this batch has no labels"));
    }

    /** (H, W) of the images. */
    public long[] size() {
        return new long[] {images.getShape().get(2), images.getShape().get(3)};
    }
}
