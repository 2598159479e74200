package io.adaptseg.runtime.backend;

import java.util.Locale;

/**
 * ONNX Runtime's graph optimisation levels ({@code GraphOptimizationLevel} in its C API). {@link #ALL}
 * adds the layout transformations (NCHWc blocked convolutions on x86) to {@link #EXTENDED}'s fusions;
 * {@link #BASIC} does constant folding and redundant-node removal only.
 */
public enum GraphOptimization {
    NONE(0), BASIC(1), EXTENDED(2), ALL(99);

    private final int level;

    GraphOptimization(int level) {
        this.level = level;
    }

    /** The value of ONNX Runtime's {@code GraphOptimizationLevel} enum. */
    public int level() {
        return level;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException listing the levels */
    public static GraphOptimization parse(String text) {
        for (GraphOptimization g : values()) {
            if (g.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown graph optimisation level '" + text + "' (none, basic, extended, all)");
    }
}
