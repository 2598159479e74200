package io.adaptseg.train.loop;

/** Scores of one validation pass over the target val set (fractions, not percent). */
public record ValidationResult(double meanIou, double frequencyWeightedIou, double pixelAccuracy, int images) {
}
