package io.adaptseg.train.method;

import io.adaptseg.train.loss.FocalCrossEntropy;
import io.adaptseg.train.loss.WeightDiscrepancy;
import io.adaptseg.train.loss.WeightedBce;
import io.adaptseg.train.model.OutputDiscriminator;

/**
 * CLAN's hyper-parameters (reference {@code CLAN_train.py}): adversarial weight {@code lambdaAdv},
 * weight-discrepancy weight {@code lambdaWeight}, local weight {@code lambdaLocal} (40 for GTA5, 10
 * for SYNTHIA), {@code epsilon}, focal {@code gamma}, and {@code preheatSteps}: until then the
 * adversarial loss is unweighted (plain BCE); the learning-rate warm-up over the same steps is the
 * loop's schedule ({@code warmup-steps}).
 */
public record ClanSettings(double lambdaAdv, double lambdaWeight, double lambdaLocal, double epsilon, double gamma,
        long preheatSteps, SegmenterOptimization sgd, double beta1, double beta2, int discriminatorWidth) {
    /** The GTA5 -> Cityscapes defaults; preheat = num-steps-stop / 20 = 5000. */
    public static final ClanSettings REFERENCE_GTA5 = new ClanSettings(0.001, WeightDiscrepancy.REFERENCE_LAMBDA, 40,
            WeightedBce.REFERENCE_EPSILON, FocalCrossEntropy.REFERENCE_GAMMA, 5000, SegmenterOptimization.REFERENCE, 0.9,
            0.99, OutputDiscriminator.REFERENCE_WIDTH);

    public ClanSettings {
        if (preheatSteps < 0 || discriminatorWidth < 1 || gamma < 0) {
            throw new IllegalArgumentException("CLAN needs preheat >= 0, gamma >= 0 and a positive discriminator width,"
                    + " found " + preheatSteps + ", " + gamma + ", " + discriminatorWidth);
        }
    }
}
