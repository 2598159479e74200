package io.adaptseg.train.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The probability threshold of pseudo-labels: MaxSquare's multi-level guidance, CAG's first pseudo-labels. */
public record PseudoLabelSettings(@JsonProperty("threshold") double threshold) {
    public PseudoLabelSettings {
        Check.probability("threshold", threshold);
    }
}
