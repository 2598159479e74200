package io.adaptseg.train.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** CLAN's own keys (its preheat is {@code warmup-steps} of the schedule). */
public record ClanConfig(
        @JsonProperty("lambda-adv") double lambdaAdv,
        @JsonProperty("lambda-weight") double lambdaWeight,
        @JsonProperty("lambda-local") double lambdaLocal,
        @JsonProperty("epsilon") double epsilon,
        @JsonProperty("focal-gamma") double focalGamma) {
    public ClanConfig {
        Check.nonNegative("lambda-adv", lambdaAdv);
        Check.nonNegative("lambda-weight", lambdaWeight);
        Check.nonNegative("lambda-local", lambdaLocal);
        Check.nonNegative("epsilon", epsilon);
        Check.nonNegative("focal-gamma", focalGamma);
    }
}
