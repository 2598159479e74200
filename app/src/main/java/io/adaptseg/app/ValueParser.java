package io.adaptseg.app;

/**
 * Turns an option's text into a value. Throws {@link IllegalArgumentException} (or
 * {@link UsageException}) with a message saying what is wrong with the text; {@link OptionSpec} adds
 * the option's name and turns it into a usage error, so no command translates exceptions itself.
 */
@FunctionalInterface
interface ValueParser<T> {
    T parse(String text);
}
