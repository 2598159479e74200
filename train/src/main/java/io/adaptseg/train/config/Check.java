package io.adaptseg.train.config;

import java.util.List;

/** The range checks of the settings records; each names the YAML key and what it allows. */
final class Check {
    private Check() {
    }

    static int positive(String key, int v) {
        if (v <= 0) {
            throw new ConfigValueException(key, "a positive integer", v);
        }
        return v;
    }

    static long positive(String key, long v) {
        if (v <= 0) {
            throw new ConfigValueException(key, "a positive integer", v);
        }
        return v;
    }

    static long nonNegative(String key, long v) {
        if (v < 0) {
            throw new ConfigValueException(key, "an integer >= 0", v);
        }
        return v;
    }

    static double finite(String key, double v) {
        if (!Double.isFinite(v)) {
            throw new ConfigValueException(key, "a finite number", v);
        }
        return v;
    }

    static double nonNegative(String key, double v) {
        if (finite(key, v) < 0) {
            throw new ConfigValueException(key, "a number >= 0", v);
        }
        return v;
    }

    /** [0, 1): momentum and Adam's betas. */
    static double fraction(String key, double v) {
        if (!(finite(key, v) >= 0 && v < 1)) {
            throw new ConfigValueException(key, "a number in [0, 1)", v);
        }
        return v;
    }

    /** (0, 1): probability thresholds. */
    static double probability(String key, double v) {
        if (!(finite(key, v) > 0 && v < 1)) {
            throw new ConfigValueException(key, "a number in (0, 1)", v);
        }
        return v;
    }

    static String oneOf(String key, String v, List<String> allowed) {
        if (!allowed.contains(v)) {
            throw new ConfigValueException(key, "one of " + allowed, v);
        }
        return v;
    }

    /** One of {@code allowed}, with the closest one suggested when the value is a near miss. */
    static String oneOfSuggesting(String key, String v, List<String> allowed) {
        if (!allowed.contains(v)) {
            String hint = KeySuggestion.closest(v, allowed).map(k -> " (did you mean '" + k + "'?)").orElse("");
            throw new ConfigValueException(key, "one of " + allowed + hint, v);
        }
        return v;
    }

    static String nonBlank(String key, String v) {
        if (v.isBlank()) {
            throw new ConfigValueException(key, "a non-empty name", v);
        }
        return v.trim();
    }
}
