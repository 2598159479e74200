package io.adaptseg.train.model;

import io.adaptseg.core.resample.Convention;

/**
 * Construction options of a segmenter, all of them properties of the trained model (a checkpoint's
 * config carries them, the exporter needs them to reproduce the forward).
 *
 * @param freezeBatchNormAffine BatchNorm scale and shift take no gradient (the DeepLab-v2 references do
 *                              this; CAG's DeepLab-v3+ trains them). Running statistics are never trained
 *                              but are updated by forward passes in training mode either way.
 * @param logitsUpsampling      how logits (and CLAN's discriminator map) are brought to the label or input
 *                              size: the four references use {@code align_corners=True} (docs/fidelity.md)
 * @param asppBranches          how many of DeepLab-v2's four ASPP branches are summed, counted from the
 *                              first: 4 is the intended network; AdaptSegNet's and MaxSquare's code returns
 *                              after two (docs/fidelity.md), which their published checkpoints need
 */
public record SegmenterOptions(boolean freezeBatchNormAffine, Convention logitsUpsampling, int asppBranches) {
    public SegmenterOptions {
        if (logitsUpsampling == null) {
            throw new IllegalArgumentException("logits upsampling convention must be given");
        }
        if (asppBranches < 1 || asppBranches > DeepLabV2.ASPP_RATES.size()) {
            throw new IllegalArgumentException("ASPP branches must be in 1.." + DeepLabV2.ASPP_RATES.size() + ", found "
                    + asppBranches);
        }
    }

    /** The reference behaviour of a family: v2 frozen BN affine, align-corners upsampling, all four ASPP branches. */
    public static SegmenterOptions defaults(Family family) {
        return new SegmenterOptions(family == Family.DEEPLAB_V2, Convention.ALIGN_CORNERS, DeepLabV2.ASPP_RATES.size());
    }

    public SegmenterOptions withFreezeBatchNormAffine(boolean freeze) {
        return new SegmenterOptions(freeze, logitsUpsampling, asppBranches);
    }

    public SegmenterOptions withLogitsUpsampling(Convention convention) {
        return new SegmenterOptions(freezeBatchNormAffine, convention, asppBranches);
    }

    public SegmenterOptions withAsppBranches(int branches) {
        return new SegmenterOptions(freezeBatchNormAffine, logitsUpsampling, branches);
    }
}
