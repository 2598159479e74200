package io.adaptseg.core.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code key=value key=value} form of the metadata values that hold a small record (the float16
 * range, the int8 calibration): one reader, so both name a missing or malformed part the same way.
 */
final class KeyValuePairs {
    private final String text;
    private final Map<String, String> parts;

    private KeyValuePairs(String text, Map<String, String> parts) {
        this.text = text;
        this.parts = parts;
    }

    /** @throws IllegalArgumentException naming the part that is not {@code key=value} */
    static KeyValuePairs parse(String value) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : value.trim().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value pairs, found '" + part + "' in '" + value + "'");
            }
            parts.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return new KeyValuePairs(value, parts);
    }

    boolean has(String key) {
        return parts.containsKey(key);
    }

    /** @throws IllegalArgumentException naming the key when it is absent */
    String need(String key) {
        String v = parts.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no " + key + "= in '" + text + "'");
        }
        return v;
    }

    /** @throws IllegalArgumentException naming the key and the text when it is absent or not an integer */
    int integer(String key) {
        try {
            return Integer.parseInt(need(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a number in '" + text + "' is malformed: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming the key and the text when it is absent or not a number */
    double number(String key) {
        try {
            return Double.parseDouble(need(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a number in '" + text + "' is malformed: " + e.getMessage(), e);
        }
    }
}
