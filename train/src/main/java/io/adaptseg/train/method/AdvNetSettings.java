package io.adaptseg.train.method;

import io.adaptseg.train.loss.GanLoss;

/**
 * AdaptSegNet's hyper-parameters. {@code lambdaAdv1} weighs the auxiliary (layer3) level and
 * {@code lambdaAdv2} the main level; the discriminators use Adam with {@code betas}.
 */
public record AdvNetSettings(double lambdaSeg, double lambdaAdv1, double lambdaAdv2, GanLoss gan,
        SegmenterOptimization sgd, double beta1, double beta2) {
    /** The reference multi-level defaults (METHODS.md). */
    public static final AdvNetSettings REFERENCE = new AdvNetSettings(0.1, 0.0002, 0.001, GanLoss.VANILLA,
            SegmenterOptimization.REFERENCE, 0.9, 0.99);

    /** Source label 0 and target label 1, as in the reference code. */
    public static final float SOURCE_LABEL = 0f;
    public static final float TARGET_LABEL = 1f;
}
