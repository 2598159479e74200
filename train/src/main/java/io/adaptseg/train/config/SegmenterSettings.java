package io.adaptseg.train.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The segmenter's auxiliary-head loss weight ({@code lambda-seg}, source-only, AdvNet, MaxSquare)
 * and its SGD: momentum, weight decay, and the classifier heads' multiple of the base rate.
 */
public record SegmenterSettings(
        @JsonProperty("lambda-seg") double lambdaSeg,
        @JsonProperty("momentum") double momentum,
        @JsonProperty("weight-decay") double weightDecay,
        @JsonProperty("head-lr-multiplier") double headLrMultiplier) {
    public SegmenterSettings {
        Check.nonNegative("lambda-seg", lambdaSeg);
        Check.fraction("momentum", momentum);
        Check.nonNegative("weight-decay", weightDecay);
        Check.nonNegative("head-lr-multiplier", headLrMultiplier);
    }

    /** CAG's reference optimiser differs in these two. */
    public SegmenterSettings withDecayAndHeads(double decay, double headMultiplier) {
        return new SegmenterSettings(lambdaSeg, momentum, decay, headMultiplier);
    }
}
