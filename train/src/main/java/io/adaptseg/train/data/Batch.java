package io.adaptseg.train.data;

import ai.djl.ndarray.NDArray;
import java.util.Optional;

/**
 * One batch on the engine: normalised images (N, 3, H, W) float32 and, for labelled data, trainId
 * labels (N, outputHeight, outputWidth) int32 with 255 = ignore. Target batches of unsupervised
 * methods have no labels. Predictions are upsampled to (outputHeight, outputWidth): the image size,
 * except under CLAN's image-only scaling, where the image is 0.8/1.0/1.1 × that size and the reference
 * still upsamples to the crop size ({@code CLAN_train.py}: {@code interp_source}, {@code interp_target}).
 * A labelled batch of a stream over several source domains says which domain each sample came from.
 */
public record Batch(NDArray images, Optional<NDArray> labels, long outputHeight, long outputWidth, DomainIds domains) {
    public Batch {
        if (images.getShape().dimension() != 4) {
            throw new IllegalArgumentException("images must be (N,3,H,W), found " + images.getShape());
        }
        if (outputHeight <= 0 || outputWidth <= 0) {
            throw new IllegalArgumentException("output size must be positive, found " + outputHeight + "x" + outputWidth);
        }
        labels.ifPresent(l -> {
            if (l.getShape().dimension() != 3 || l.getShape().get(1) != outputHeight || l.getShape().get(2) != outputWidth) {
                throw new IllegalArgumentException("labels must be (N," + outputHeight + "," + outputWidth + "), found "
                        + l.getShape());
            }
        });
        if (domains.size() != images.getShape().get(0)) {
            throw new IllegalArgumentException("domain ids must be one per sample (" + images.getShape().get(0) + "), found "
                    + domains);
        }
    }

    /** A batch of a single domain. */
    public Batch(NDArray images, Optional<NDArray> labels, long outputHeight, long outputWidth) {
        this(images, labels, outputHeight, outputWidth, DomainIds.single((int) images.getShape().get(0)));
    }

    /** A batch whose predictions are brought to the image size. */
    public Batch(NDArray images, Optional<NDArray> labels) {
        this(images, labels, images.getShape().get(2), images.getShape().get(3));
    }

    /** The labels; a method that needs them on an unlabelled batch is a programming error. */
    public NDArray requireLabels() {
        return labels.orElseThrow(() -> new IllegalStateException("this batch has no labels"));
    }

    /** (H, W) the predictions are upsampled to: the crop size. */
    public long[] size() {
        return new long[] {outputHeight, outputWidth};
    }
}
