package io.adaptseg.train.model;

import io.adaptseg.core.resample.Convention;

/**
 * Construction options of a segmenter, all of them properties of the trained model (a checkpoint's
 * config carries them, the exporter needs them to reproduce the forward).
 *
 * @param batchNormAffine       which BatchNorm scales and shifts take gradient ({@link BatchNormAffine}:
 *                              AdaptSegNet and CLAN freeze all, MaxSquare only the stem, CAG none)
 * @param logitsUpsampling      how logits (and CLAN's discriminator map) are brought to the label or input
 *                              size: the four references use {@code align_corners=True} (docs/fidelity.md)
 * @param asppBranches          how many of DeepLab-v2's four ASPP branches are summed, counted from the
 *                              first: 4 is the intended network; AdaptSegNet's and MaxSquare's code returns
 *                              after two (docs/fidelity.md), which their published checkpoints need
 */
public record SegmenterOptions(BatchNormAffine batchNormAffine, Convention logitsUpsampling, int asppBranches) {
    public SegmenterOptions {
        if (batchNormAffine == null || logitsUpsampling == null) {
            throw new IllegalArgumentException("BN affine choice and logits upsampling convention must be given");
        }
        if (asppBranches < 1 || asppBranches > DeepLabV2.ASPP_RATES.size()) {
            throw new IllegalArgumentException("ASPP branches must be in 1.." + DeepLabV2.ASPP_RATES.size() + ", found "
                    + asppBranches);
        }
    }

    /** The reference behaviour of a family: v2 all BN affine frozen, align-corners upsampling, all four ASPP branches. */
    public static SegmenterOptions defaults(Family family) {
        return new SegmenterOptions(BatchNormAffine.defaults(family), Convention.ALIGN_CORNERS, DeepLabV2.ASPP_RATES.size());
    }

    /** All BN affine frozen, or all trained. */
    public SegmenterOptions withFreezeBatchNormAffine(boolean freeze) {
        return withBatchNormAffine(freeze ? BatchNormAffine.FROZEN : BatchNormAffine.TRAINED);
    }

    public SegmenterOptions withBatchNormAffine(BatchNormAffine affine) {
        return new SegmenterOptions(affine, logitsUpsampling, asppBranches);
    }

    public SegmenterOptions withLogitsUpsampling(Convention convention) {
        return new SegmenterOptions(batchNormAffine, convention, asppBranches);
    }

    public SegmenterOptions withAsppBranches(int branches) {
        return new SegmenterOptions(batchNormAffine, logitsUpsampling, branches);
    }
}
