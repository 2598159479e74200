package io.adaptseg.train.method;

/**
 * SGD settings of the segmenter (reference: momentum 0.9, weight decay 5e-4, classifier heads at
 * 10x the base learning rate).
 */
public record SegmenterOptimization(double momentum, double weightDecay, double headLrMultiplier) {
    /** The DeepLab-v2 references' values. */
    public static final SegmenterOptimization REFERENCE = new SegmenterOptimization(0.9, 5e-4, 10.0);
}
