package io.adaptseg.train.model;

import io.adaptseg.core.model.Normalization;

/** A network family and the input normalisation its reference weights expect. */
public enum Family {
    /** DeepLab-v2 (AdvNet, CLAN, MaxSquare): BGR minus the Caffe mean. */
    DEEPLAB_V2(Normalization.DEEPLAB_V2_CAFFE),
    /** DeepLab-v3+ (CAG): RGB divided by 255. */
    DEEPLAB_V3PLUS(Normalization.RGB_UNIT);

    private final Normalization normalization;

    Family(Normalization normalization) {
        this.normalization = normalization;
    }

    public Normalization normalization() {
        return normalization;
    }
}
