package io.adaptseg.runtime.provider;

import java.util.Locale;

/** What a session does when a requested accelerator provider cannot be used. */
public enum FallbackPolicy {
    /** Report the problem and run on the next provider in the list, finally on the CPU. */
    CPU,
    /** Stop with the problem as the error. */
    FAIL;

    /** Parses "cpu" or "fail" (the {@code --fallback} option). */
    public static FallbackPolicy parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "cpu" -> CPU;
            case "fail" -> FAIL;
            default -> throw new IllegalArgumentException("unknown fallback policy '" + value + "', expected cpu or fail");
        };
    }
}
