package io.adaptseg.train.method;

import io.adaptseg.train.loss.GanLoss;
import io.adaptseg.train.model.OutputDiscriminator;

/**
 * AdaptSegNet's hyper-parameters. {@code lambdaAdv1} weighs the auxiliary (layer3) level and
 * {@code lambdaAdv2} the main level; the discriminators ({@link OutputDiscriminator}, base width
 * {@code discriminatorWidth}) use Adam with {@code betas}.
 */
public record AdvNetSettings(double lambdaSeg, double lambdaAdv1, double lambdaAdv2, GanLoss gan,
        SegmenterOptimization sgd, double beta1, double beta2, int discriminatorWidth) {
    /** The reference multi-level defaults (docs/methods.md), discriminator width 64. */
    public static final AdvNetSettings REFERENCE = new AdvNetSettings(0.1, 0.0002, 0.001, GanLoss.VANILLA,
            SegmenterOptimization.REFERENCE, 0.9, 0.99, OutputDiscriminator.REFERENCE_WIDTH);

    public AdvNetSettings {
        if (discriminatorWidth < 1) {
            throw new IllegalArgumentException("discriminatorWidth must be positive, found " + discriminatorWidth);
        }
    }

    /** The same settings with another discriminator base width (small networks for tests and demos). */
    public AdvNetSettings withDiscriminatorWidth(int width) {
        return new AdvNetSettings(lambdaSeg, lambdaAdv1, lambdaAdv2, gan, sgd, beta1, beta2, width);
    }

    /** Source label 0 and target label 1, as in the reference code. */
    public static final float SOURCE_LABEL = 0f;
    public static final float TARGET_LABEL = 1f;
}
