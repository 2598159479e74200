package io.adaptseg.train.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.adaptseg.train.loss.GanLoss;

/** AdvNet's own keys: the GAN loss and the adversarial weights of the auxiliary (1) and main (2) level. */
public record AdvNetConfig(
        @JsonProperty("gan") GanLoss gan,
        @JsonProperty("lambda-adv-target1") double lambdaAdvTarget1,
        @JsonProperty("lambda-adv-target2") double lambdaAdvTarget2) {
    public AdvNetConfig {
        Check.nonNegative("lambda-adv-target1", lambdaAdvTarget1);
        Check.nonNegative("lambda-adv-target2", lambdaAdvTarget2);
    }
}
