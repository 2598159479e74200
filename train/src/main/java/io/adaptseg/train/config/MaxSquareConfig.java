package io.adaptseg.train.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * MaxSquare's own keys. {@code iw-alpha} may be negative (the reference negates it for SYNTHIA); a
 * negative {@code target-solo-from} means never.
 */
public record MaxSquareConfig(
        @JsonProperty("target-loss") TargetLoss targetLoss,
        @JsonProperty("iw-alpha") double iwAlpha,
        @JsonProperty("multi") boolean multi,
        @JsonProperty("lambda-target") double lambdaTarget,
        @JsonProperty("target-solo-from") long targetSoloFrom,
        @JsonProperty("eval-flip") boolean evalFlip) {
    public MaxSquareConfig {
        Check.finite("iw-alpha", iwAlpha);
        Check.nonNegative("lambda-target", lambdaTarget);
    }

    public MaxSquareConfig withTargetLoss(TargetLoss loss, boolean multiLevel, double lambda) {
        return new MaxSquareConfig(loss, iwAlpha, multiLevel, lambda, targetSoloFrom, evalFlip);
    }
}
