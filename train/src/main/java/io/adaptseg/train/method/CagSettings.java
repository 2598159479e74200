package io.adaptseg.train.method;

import io.adaptseg.train.loss.AnchorGuidance;
import io.adaptseg.train.loss.ClassFeatureMeans;
import io.adaptseg.train.loss.PseudoLabels;

/**
 * CAG's hyper-parameters (reference {@code adaptation_model.py}): the probability threshold of the
 * first pseudo-labels, the anchor margin {@code deltaD} of the second, the weight of the anchor
 * distance loss and the minimum pixels of a class centroid. CAG's SGD uses lr 1e-4 and weight decay
 * 2e-4 with no 10x heads (set in the configs). {@code normalisationPooling}: the class means'
 * gradient scaled as CAG's {@code normalisation_pooling} ({@link ClassFeatureMeans}).
 */
public record CagSettings(double threshold, double deltaD, double distanceWeight, int minPixels,
        SegmenterOptimization sgd, boolean normalisationPooling) {
    /** The reference values with CAG's optimiser (momentum 0.9, weight decay 2e-4, heads 1x). */
    public static final CagSettings REFERENCE = new CagSettings(PseudoLabels.REFERENCE_THRESHOLD,
            AnchorGuidance.REFERENCE_DELTA_D, AnchorGuidance.REFERENCE_WEIGHT, ClassFeatureMeans.REFERENCE_MIN_PIXELS,
            new SegmenterOptimization(0.9, 2e-4, 1.0), true);

    /** With CAG's normalisation pooling of the class means' gradient, as the reference. */
    public CagSettings(double threshold, double deltaD, double distanceWeight, int minPixels, SegmenterOptimization sgd) {
        this(threshold, deltaD, distanceWeight, minPixels, sgd, true);
    }

    public CagSettings {
        if (threshold <= 0 || threshold >= 1 || deltaD < 0 || distanceWeight < 0 || minPixels < 1) {
            throw new IllegalArgumentException("CAG needs threshold in (0,1), deltaD >= 0, distance weight >= 0 and"
                    + " minPixels >= 1, found " + threshold + ", " + deltaD + ", " + distanceWeight + ", " + minPixels);
        }
    }
}
