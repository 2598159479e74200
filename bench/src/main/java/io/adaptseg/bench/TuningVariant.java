package io.adaptseg.bench;

import io.adaptseg.runtime.backend.BackendKind;
import io.adaptseg.runtime.backend.BackendOptions;
import io.adaptseg.runtime.backend.GraphOptimization;
import java.util.List;
import java.util.Locale;

/**
 * One session setting to time against the others, named as the user writes it: settings joined by
 * {@code +}, e.g. {@code threads=2+no-spinning}. {@code cached} loads the graph that the first
 * session of the run wrote with {@code optimized_model_filepath}, without optimising it again.
 *
 * @param name as given
 * @param backend the binding
 * @param cached whether to load the saved optimised graph instead of the model
 */
public record TuningVariant(String name, BackendKind backend, boolean cached, Settings settings) {
    /** What the variant changes on top of the command's own options. */
    @FunctionalInterface
    public interface Settings {
        BackendOptions apply(BackendOptions base);
    }

    /** The settings each variant may combine, for help texts and errors. */
    public static final List<String> VOCABULARY = List.of("default", "native", "threads=N", "no-spinning",
            "opt=none|basic|extended|all", "no-memory-pattern", "no-arena", "cached");

    /** The variants {@code bench tuning} times when none are given. */
    public static final String DEFAULTS = "default,native,threads=1,threads=2,no-spinning,threads=2+no-spinning,"
            + "opt=extended,opt=basic,no-memory-pattern,no-arena,cached";

    /**
     * Parses one variant.
     *
     * @throws IllegalArgumentException naming the part that is not a setting
     */
    public static TuningVariant parse(String text) {
        String name = text.trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty variant");
        }
        BackendKind backend = BackendKind.JAVA;
        boolean cached = false;
        Settings settings = o -> o;
        for (String raw : name.split("\\+")) {
            String part = raw.trim().toLowerCase(Locale.ROOT);
            Settings before = settings;
            if (part.equals("default")) {
                continue;
            } else if (part.equals("native")) {
                backend = BackendKind.NATIVE;
            } else if (part.equals("cached")) {
                cached = true;
            } else if (part.startsWith("threads=")) {
                int n = threads(part.substring("threads=".length()), name);
                settings = o -> before.apply(o).withThreads(n);
            } else if (part.equals("no-spinning")) {
                settings = o -> before.apply(o).withTuning(before.apply(o).tuning().withSpinning(false));
            } else if (part.startsWith("opt=")) {
                GraphOptimization level = GraphOptimization.parse(part.substring("opt=".length()));
                settings = o -> before.apply(o).withTuning(before.apply(o).tuning().withOptimization(level));
            } else if (part.equals("no-memory-pattern")) {
                settings = o -> before.apply(o).withTuning(before.apply(o).tuning().withMemoryPattern(false));
            } else if (part.equals("no-arena")) {
                settings = o -> before.apply(o).withTuning(before.apply(o).tuning().withCpuArena(false));
            } else {
                throw new IllegalArgumentException("unknown setting '" + raw.trim() + "' in variant '" + name
                        + "' (settings: " + String.join(", ", VOCABULARY) + ", joined by +)");
            }
        }
        return new TuningVariant(name, backend, cached, settings);
    }

    /** Parses a comma-separated list. */
    public static List<TuningVariant> parseList(String text) {
        return java.util.Arrays.stream(text.split(",")).map(TuningVariant::parse).toList();
    }

    private static int threads(String value, String variant) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("threads must be a whole number >= 1 in variant '" + variant + "', found '"
                + value + "'");
    }
}
