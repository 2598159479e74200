package io.adaptseg.train.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.adaptseg.core.AdaptsegException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the flat YAML of a training config into {@link TrainConfig}: every key known (with a "did
 * you mean" when a known key is close), none given twice, {@code --set} overrides applied, defaults
 * from {@code defaults.yaml} filled in, required keys present; then Jackson binds each settings
 * record from the same flat map, and a value outside what its key allows is reported with the key,
 * the value as written and what is allowed. Writing goes the other way, in the defaults' key order.
 */
final class ConfigReader {
    private static final String DEFAULTS_FILE = "defaults.yaml";
    /** The settings records, in the order of {@link TrainConfig}'s components after its origin. */
    private static final List<Class<?>> SECTIONS = Arrays.stream(TrainConfig.class.getRecordComponents())
            .skip(1).map(RecordComponent::getType).toList();
    private static final ObjectNode DEFAULTS = readDefaults();
    /** Every key, in the defaults' order. */
    static final List<String> KEYS = List.copyOf(names(DEFAULTS));

    static {
        Set<String> bound = new LinkedHashSet<>();
        for (Class<?> section : SECTIONS) {
            for (String key : keysOf(section)) {
                if (!bound.add(key)) {
                    throw new IllegalStateException("config key '" + key + "' is bound by two settings records");
                }
            }
        }
        if (!bound.equals(Set.copyOf(KEYS))) {
            throw new IllegalStateException(DEFAULTS_FILE + " and the settings records disagree: records " + bound
                    + ", defaults " + KEYS);
        }
    }

    private ConfigReader() {
    }

    private static List<String> names(ObjectNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> keysOf(Class<?> section) {
        return ConfigMapper.YAML.getSerializationConfig().introspect(ConfigMapper.YAML.constructType(section))
                .findProperties().stream().map(BeanPropertyDefinition::getName).toList();
    }

    private static ObjectNode readDefaults() {
        try (InputStream in = ConfigReader.class.getResourceAsStream(DEFAULTS_FILE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS_FILE + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULTS_FILE);
        } catch (IOException | AdaptsegException e) {
            throw new IllegalStateException("cannot read " + DEFAULTS_FILE + ": " + e.getMessage(), e);
        }
    }

    /**
     * The top-level mapping of {@code yaml}. A key given twice is an error naming both lines: YAML
     * parsers keep the last one silently, which hides a wrong value.
     */
    static ObjectNode parse(String yaml, String origin) throws AdaptsegException {
        ObjectNode out = ConfigMapper.YAML.createObjectNode();
        try (JsonParser p = ConfigMapper.YAML.createParser(yaml)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return out;
            }
            if (first != JsonToken.START_OBJECT) {
                throw new AdaptsegException(origin + ": a config must be a mapping of keys to values");
            }
            Map<String, Integer> lines = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int line = p.currentTokenLocation().getLineNr();
                Integer earlier = lines.putIfAbsent(key, line);
                if (earlier != null) {
                    throw new AdaptsegException(origin + ": key '" + key + "' appears twice, on line " + earlier + " and line "
                            + line + "; remove one");
                }
                p.nextToken();
                out.set(key, ConfigMapper.YAML.readTree(p));
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new AdaptsegException(origin + ": not valid YAML (" + e.getOriginalMessage().lines().findFirst().orElse("")
                    + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr() : "") + ")", e);
        } catch (IOException e) {
            throw new AdaptsegException(origin + ": cannot read config (" + e.getMessage() + ")", e);
        }
    }

    /** The config of {@code given} keys plus {@code overrides} ("key=value", the value read as YAML) over the defaults. */
    static TrainConfig bind(String origin, ObjectNode given, List<String> overrides) throws AdaptsegException {
        ObjectNode values = DEFAULTS.deepCopy();
        // a bad value is blamed on where it was written: the config file, or the --set that replaced it
        Map<String, String> setBy = new HashMap<>();
        for (String key : names(given)) {
            checkKnown(key, origin);
            values.set(key, given.get(key));
        }
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new AdaptsegException("--set " + o + ": expected key=value");
            }
            String key = o.substring(0, eq).trim();
            checkKnown(key, "--set");
            values.set(key, scalar(o.substring(eq + 1)));
            setBy.put(key, "--set " + o.trim());
        }
        for (String key : KEYS) {
            if (values.get(key).isNull()) {
                throw new AdaptsegException(origin + ": required key '" + key + "' is missing");
            }
        }
        Object[] args = new Object[SECTIONS.size() + 1];
        args[0] = origin;
        for (int i = 0; i < SECTIONS.size(); i++) {
            try {
                args[i + 1] = ConfigMapper.YAML.treeToValue(values, SECTIONS.get(i));
            } catch (JsonProcessingException e) {
                throw translate(e, values, origin, setBy);
            }
        }
        try {
            return construct(args);
        } catch (ConfigValueException e) {
            throw bad(origin, e.key(), e.expected(), values, setBy);
        }
    }

    private static TrainConfig construct(Object[] args) {
        try {
            return TrainConfig.class.getDeclaredConstructor(Arrays.stream(TrainConfig.class.getRecordComponents())
                    .map(RecordComponent::getType).toArray(Class<?>[]::new)).newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build TrainConfig", e);
        }
    }

    /** An override's value as YAML would read it ("1e-3" stays text, "[512, 256]" is a list); text when it is not YAML. */
    private static JsonNode scalar(String text) {
        if (text.isEmpty()) {
            return TextNode.valueOf("");
        }
        try {
            JsonNode node = ConfigMapper.YAML.readTree(text);
            return node == null || node.isMissingNode() ? TextNode.valueOf(text) : node;
        } catch (IOException e) {
            return TextNode.valueOf(text);
        }
    }

    private static void checkKnown(String key, String origin) throws AdaptsegException {
        if (!DEFAULTS.has(key)) {
            String hint = KeySuggestion.closest(key, KEYS).map(k -> " (did you mean '" + k + "'?)").orElse("");
            throw new AdaptsegException(origin + ": unknown key '" + key + "'" + hint + "; known keys: " + KEYS);
        }
    }

    /** Jackson's binding failure as "key must be ..., found '...'". */
    private static AdaptsegException translate(JsonProcessingException e, ObjectNode values, String origin,
            Map<String, String> setBy) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigValueException c) {
                return bad(origin, c.key(), c.expected(), values, setBy);
            }
        }
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty() && m.getPath().getFirst().getFieldName() != null) {
            return bad(origin, m.getPath().getFirst().getFieldName(), expected(m), values, setBy);
        }
        return new AdaptsegException(origin + ": " + e.getOriginalMessage(), e);
    }

    private static String expected(MismatchedInputException m) {
        Class<?> t = m.getTargetType();
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
            return "an integer";
        }
        if (t == double.class || t == Double.class) {
            return "a finite number";
        }
        if (t == boolean.class || t == Boolean.class) {
            return "true or false";
        }
        if (t == String.class) {
            return "a single value";
        }
        if (java.util.Collection.class.isAssignableFrom(t)) {
            return "a list of numbers such as [0.5, 0.5]";
        }
        return m.getOriginalMessage(); // the config's own types say what they allow
    }

    private static AdaptsegException bad(String origin, String key, String expected, ObjectNode values,
            Map<String, String> setBy) {
        JsonNode v = values.get(key);
        String found = v == null ? "" : v.isValueNode() ? v.asText() : v.toString();
        return new AdaptsegException(setBy.getOrDefault(key, origin) + ": " + key + " must be " + expected + ", found '" + found + "'");
    }

    /** {@code config} as flat YAML in the defaults' key order: what checkpoints store and resume reads. */
    static String toYaml(TrainConfig config) {
        ObjectNode all = ConfigMapper.YAML.createObjectNode();
        RecordComponent[] components = TrainConfig.class.getRecordComponents();
        try {
            for (int i = 1; i < components.length; i++) {
                all.setAll((ObjectNode) ConfigMapper.YAML.valueToTree(components[i].getAccessor().invoke(config)));
            }
            ObjectNode ordered = ConfigMapper.YAML.createObjectNode();
            KEYS.forEach(k -> ordered.set(k, all.get(k)));
            return ConfigMapper.YAML.writeValueAsString(ordered);
        } catch (ReflectiveOperationException | IOException e) {
            throw new IllegalStateException("cannot write the config as YAML", e);
        }
    }
}
