package io.adaptseg.app;

/**
 * Turns an option's text into a value. Throws {@link IllegalArgumentException} with a message saying
 * what is wrong with the text, which {@link OptionSpec} prefixes with the option's name as a usage
 * error, so no command translates exceptions itself; a {@link UsageException} (a parser that names
 * the part of a compound value itself) passes through unchanged.
 */
@FunctionalInterface
interface ValueParser<T> {
    T parse(String text);
}
