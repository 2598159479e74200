package io.adaptseg.train.config;

import java.util.Locale;

/** What a run does when its loss grows by orders of magnitude ({@code on-divergence}; docs/reference.md). */
public enum OnDivergence {
    /** Print one warning and go on. */
    WARN,
    /** End the run with an error naming the loss and the last good checkpoint. */
    STOP;

    /** The config spelling. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
