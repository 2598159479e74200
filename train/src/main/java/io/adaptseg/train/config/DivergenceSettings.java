package io.adaptseg.train.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * When a run counts as diverged and what it does then: a loss whose smoothed magnitude reaches
 * {@code divergence-factor} times its minimum over the last {@code divergence-window} iterations
 * (docs/reference.md, "Divergence").
 */
public record DivergenceSettings(
        @JsonProperty("on-divergence") OnDivergence action,
        @JsonProperty("divergence-window") int window,
        @JsonProperty("divergence-factor") double factor) {
    public DivergenceSettings {
        if (window < 2) {
            throw new ConfigValueException("divergence-window", "an integer >= 2", window);
        }
        if (!(Check.finite("divergence-factor", factor) > 1)) {
            throw new ConfigValueException("divergence-factor", "a number > 1", factor);
        }
    }

    public DivergenceSettings withAction(OnDivergence a) {
        return new DivergenceSettings(a, window, factor);
    }
}
