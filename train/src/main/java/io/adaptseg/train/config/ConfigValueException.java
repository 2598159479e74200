package io.adaptseg.train.config;

/**
 * A config value outside what its key allows, thrown by the settings records' constructors. The
 * reader turns it into a message with the config's origin and the value as the user wrote it.
 */
public final class ConfigValueException extends IllegalArgumentException {
    private final String key;
    private final String expected;

    ConfigValueException(String key, String expected, Object found) {
        super(key + " must be " + expected + ", found '" + found + "'");
        this.key = key;
        this.expected = expected;
    }

    /** The YAML key. */
    public String key() {
        return key;
    }

    /** What the key allows, e.g. "a positive integer". */
    public String expected() {
        return expected;
    }
}
