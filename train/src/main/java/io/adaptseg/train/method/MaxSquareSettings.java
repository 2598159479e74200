package io.adaptseg.train.method;

import io.adaptseg.train.config.FlipAverage;
import io.adaptseg.train.loss.MaxSquare;
import io.adaptseg.train.loss.PseudoLabels;

/**
 * MaxSquare's hyper-parameters (reference {@code solve_gta5.py}): {@code imageWise} selects IW-MS
 * with {@code alpha} (the reference's {@code IW_ratio}, 0.2 for every dataset),
 * {@code multi} the multi-level self-produced guidance of the auxiliary head with {@code threshold};
 * {@code lambdaSeg} weighs the auxiliary head on both domains, {@code lambdaTarget} the target loss.
 * From iteration {@code targetSoloFrom} on (when non-negative) the source loss is dropped
 * (target-solo); {@code flipEvaluation} averages the image's and its mirror image's logits or, with
 * {@code flipAverage} softmax, their probabilities after upsampling (MaxSquare {@code tools/evaluate.py:124-138}).
 */
public record MaxSquareSettings(boolean imageWise, double alpha, boolean multi, double threshold, double lambdaSeg,
        double lambdaTarget, long targetSoloFrom, boolean flipEvaluation, FlipAverage flipAverage,
        SegmenterOptimization sgd) {
    /** IW + multi on GTA5, as the reference's best run (lambda_target 0.09 with multi). */
    public static final MaxSquareSettings REFERENCE_IW_MULTI = new MaxSquareSettings(true, MaxSquare.REFERENCE_ALPHA, true,
            PseudoLabels.REFERENCE_THRESHOLD, 0.1, 0.09, -1, false, FlipAverage.SOFTMAX, SegmenterOptimization.REFERENCE);

    public MaxSquareSettings {
        if (threshold <= 0 || threshold >= 1) {
            throw new IllegalArgumentException("threshold must be in (0, 1), found " + threshold);
        }
    }

    /** Whether iteration {@code it} trains on the target loss only. */
    public boolean targetOnly(long it) {
        return targetSoloFrom >= 0 && it >= targetSoloFrom;
    }
}
