package io.adaptseg.train.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * MaxSquare's own keys. {@code iw-alpha} is the reference's {@code IW_ratio} (default 0.2, {@code solve_gta5.py});
 * a negative value reverses the class balancing and is allowed only for experiments; a
 * negative {@code target-solo-from} means never. {@code eval-flip} validates on the image and its mirror
 * image, averaging what {@code eval-flip-average} says (the reference: softmax after upsampling).
 */
public record MaxSquareConfig(
        @JsonProperty("target-loss") TargetLoss targetLoss,
        @JsonProperty("iw-alpha") double iwAlpha,
        @JsonProperty("multi") boolean multi,
        @JsonProperty("lambda-target") double lambdaTarget,
        @JsonProperty("target-solo-from") long targetSoloFrom,
        @JsonProperty("eval-flip") boolean evalFlip,
        @JsonProperty("eval-flip-average") FlipAverage evalFlipAverage) {
    public MaxSquareConfig {
        Check.finite("iw-alpha", iwAlpha);
        Check.nonNegative("lambda-target", lambdaTarget);
    }

    public MaxSquareConfig withTargetLoss(TargetLoss loss, boolean multiLevel, double lambda) {
        return new MaxSquareConfig(loss, iwAlpha, multiLevel, lambda, targetSoloFrom, evalFlip, evalFlipAverage);
    }
}
