package io.adaptseg.train.model;

import java.util.Locale;

/**
 * Which BatchNorm scales and shifts take gradient. Running statistics are never trained but are
 * updated by forward passes in training mode either way.
 */
public enum BatchNormAffine {
    /** Every BN affine frozen: AdaptSegNet's and CLAN's DeepLab-v2 ({@code requires_grad = False} in each block). */
    FROZEN,
    /**
     * Only the stem's {@code bn1} frozen, every bottleneck and downsample BN trained at the base rate
     * with weight decay: MaxSquare's DeepLab-v2 ({@code graphs/models/deeplab_multi.py:8-26,76}).
     */
    STEM_FROZEN,
    /** Every BN affine trained: CAG's DeepLab-v3+. */
    TRAINED;

    /** The config spelling: frozen, stem-frozen, trained. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The reference behaviour of a family. */
    public static BatchNormAffine defaults(Family family) {
        return family == Family.DEEPLAB_V2 ? FROZEN : TRAINED;
    }
}
