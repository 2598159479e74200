package io.adaptseg.train.model;

/**
 * Construction options of a segmenter. {@code freezeBatchNormAffine}: BatchNorm scale and shift take no
 * gradient (the DeepLab-v2 references do this; CAG's DeepLab-v3+ trains them). Running statistics are
 * never trained but are updated by forward passes in training mode either way.
 */
public record SegmenterOptions(boolean freezeBatchNormAffine) {
    /** The reference behaviour of a family. */
    public static SegmenterOptions defaults(Family family) {
        return new SegmenterOptions(family == Family.DEEPLAB_V2);
    }
}
