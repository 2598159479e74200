package io.adaptseg.train.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.adaptseg.core.AdaptsegException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A resolved training config: the YAML file, then {@code --set key=value} overrides, over the
 * defaults of {@link ConfigKeys}. Typed getters fail with a message naming the key, the value and
 * what is allowed; unknown keys are rejected when the config is read.
 */
public final class TrainConfig {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private final String origin;
    private final Map<String, Object> values;

    private TrainConfig(String origin, Map<String, Object> values) {
        this.origin = origin;
        this.values = values;
    }

    /** Reads {@code file} and applies {@code overrides} ("key=value", value parsed as YAML). */
    public static TrainConfig read(Path file, List<String> overrides) throws AdaptsegException {
        Map<String, Object> raw;
        try {
            raw = parseMap(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new AdaptsegException(file + ": cannot read config (" + e.getMessage() + ")", e);
        }
        return of(file.toString(), raw, overrides);
    }

    /** Builds a config from YAML text (a checkpoint's config.yaml) plus overrides. */
    public static TrainConfig parse(String yaml, String origin, List<String> overrides) throws AdaptsegException {
        return of(origin, parseMap(yaml, origin), overrides);
    }

    private static TrainConfig of(String origin, Map<String, Object> raw, List<String> overrides) throws AdaptsegException {
        Map<String, Object> values = new LinkedHashMap<>(ConfigKeys.DEFAULTS);
        for (var e : raw.entrySet()) {
            checkKnown(e.getKey(), origin);
            values.put(e.getKey(), e.getValue());
        }
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new AdaptsegException("--set " + o + ": expected key=value");
            }
            String key = o.substring(0, eq).trim();
            checkKnown(key, "--set");
            String text = o.substring(eq + 1);
            Object value;
            try {
                value = text.isEmpty() ? "" : YAML.readValue(text, Object.class);
            } catch (IOException e) {
                value = text;
            }
            values.put(key, value);
        }
        for (var e : values.entrySet()) {
            if (e.getValue() == null) {
                throw new AdaptsegException(origin + ": required key '" + e.getKey() + "' is missing");
            }
        }
        TrainConfig config = new TrainConfig(origin, values);
        config.validate();
        return config;
    }

    private static Map<String, Object> parseMap(String yaml, String origin) throws AdaptsegException {
        try {
            Object tree = YAML.readValue(yaml, Object.class);
            if (tree == null) {
                return Map.of();
            }
            if (!(tree instanceof Map<?, ?> m)) {
                throw new AdaptsegException(origin + ": a config must be a mapping of keys to values");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        } catch (IOException e) {
            throw new AdaptsegException(origin + ": not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    private static void checkKnown(String key, String origin) throws AdaptsegException {
        if (!ConfigKeys.DEFAULTS.containsKey(key)) {
            throw new AdaptsegException(origin + ": unknown key '" + key + "'; known keys: " + ConfigKeys.DEFAULTS.keySet());
        }
    }

    /** Checks every typed value once, so that a bad value fails before any work starts. */
    private void validate() throws AdaptsegException {
        string("method"); // checked against the method registry when the run is built
        choice("gan", "vanilla", "lsgan");
        choice("label-set", "cityscapes19", "synthia16", "synthia13");
        size("input-size");
        size("input-size-target");
        flag("random-mirror");
        flag("random-scale");
        flag("gaussian-blur");
        try {
            if (!string("restore-names").equals("auto")) {
                io.adaptseg.train.weights.NameMap.parse(string("restore-names"));
            }
        } catch (IllegalArgumentException e) {
            throw new AdaptsegException(origin + ": restore-names: " + e.getMessage() + ", or auto");
        }
        choice("val-protocol", "", "cityscapes19", "synthia16", "synthia13");
        for (String k : List.of("batch-size", "num-workers", "prefetch", "num-steps", "num-steps-stop", "save-pred-every",
                "log-every", "discriminator-width")) {
            positiveInt(k);
        }
        for (String k : List.of("warmup-steps", "val-every", "val-max-images")) {
            nonNegativeInt(k);
        }
        integer("random-seed");
        for (String k : List.of("lambda-seg", "lambda-adv-target1", "lambda-adv-target2", "learning-rate", "learning-rate-D",
                "power", "weight-decay", "head-lr-multiplier")) {
            nonNegative(k);
        }
        for (String k : List.of("momentum", "beta1", "beta2")) {
            double v = number(k);
            if (!(v >= 0 && v < 1)) {
                throw bad(k, "a number in [0, 1)");
            }
        }
        if (!(number("scale-min") > 0) || number("scale-max") < number("scale-min")) {
            throw bad("scale-max", "a number >= scale-min > 0");
        }
        if (integer("num-steps-stop") > integer("num-steps")) {
            throw bad("num-steps-stop", "at most num-steps (" + integer("num-steps") + ")");
        }
        if (integer("warmup-steps") >= integer("num-steps")) {
            throw bad("warmup-steps", "less than num-steps");
        }
    }

    private AdaptsegException bad(String key, String expected) {
        return new AdaptsegException(origin + ": " + key + " must be " + expected + ", found '" + values.get(key) + "'");
    }

    public String string(String key) {
        return String.valueOf(require(key));
    }

    public String choice(String key, String... allowed) throws AdaptsegException {
        String v = string(key).toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw bad(key, "one of " + List.of(allowed));
    }

    public long integer(String key) throws AdaptsegException {
        Object v = require(key);
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        throw bad(key, "an integer");
    }

    private long positiveInt(String key) throws AdaptsegException {
        long v = integer(key);
        if (v <= 0) {
            throw bad(key, "a positive integer");
        }
        return v;
    }

    private long nonNegativeInt(String key) throws AdaptsegException {
        long v = integer(key);
        if (v < 0) {
            throw bad(key, "an integer >= 0");
        }
        return v;
    }

    public double number(String key) throws AdaptsegException {
        Object v = require(key);
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                double d = Double.parseDouble(s.trim()); // YAML 1.1 reads "1e-4" as a string
                if (Double.isFinite(d)) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw bad(key, "a finite number");
    }

    private double nonNegative(String key) throws AdaptsegException {
        double v = number(key);
        if (v < 0) {
            throw bad(key, "a number >= 0");
        }
        return v;
    }

    public boolean flag(String key) throws AdaptsegException {
        Object v = require(key);
        if (v instanceof Boolean b) {
            return b;
        }
        throw bad(key, "true or false");
    }

    /** A "W,H" size (also a two-element list), as {width, height}. */
    public int[] size(String key) throws AdaptsegException {
        Object v = require(key);
        List<String> parts = new ArrayList<>();
        if (v instanceof List<?> l) {
            l.forEach(x -> parts.add(String.valueOf(x)));
        } else {
            parts.addAll(List.of(String.valueOf(v).split(",")));
        }
        if (parts.size() != 2) {
            throw bad(key, "a size W,H");
        }
        try {
            int w = Integer.parseInt(parts.get(0).trim());
            int h = Integer.parseInt(parts.get(1).trim());
            if (w <= 0 || h <= 0) {
                throw bad(key, "a size W,H of positive integers");
            }
            return new int[] {w, h};
        } catch (NumberFormatException e) {
            throw bad(key, "a size W,H of positive integers");
        }
    }

    /** An optional path: empty string means absent. */
    public java.util.Optional<Path> path(String key) {
        String s = string(key).trim();
        return s.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(Path.of(s));
    }

    private Object require(String key) {
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException("no config key '" + key + "' is defined");
        }
        return values.get(key);
    }

    /** The resolved config as YAML (written into checkpoints and read back on resume). */
    public String toYaml() {
        try {
            return YAML.writeValueAsString(values);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise config", e);
        }
    }

    /** Where the values came from, for messages. */
    public String origin() {
        return origin;
    }
}
