package io.adaptseg.train.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The output discriminators of AdvNet and CLAN: base width and Adam's betas. */
public record DiscriminatorSettings(
        @JsonProperty("discriminator-width") int width,
        @JsonProperty("beta1") double beta1,
        @JsonProperty("beta2") double beta2) {
    public DiscriminatorSettings {
        Check.positive("discriminator-width", width);
        Check.fraction("beta1", beta1);
        Check.fraction("beta2", beta2);
    }

    public DiscriminatorSettings withWidth(int w) {
        return new DiscriminatorSettings(w, beta1, beta2);
    }
}
