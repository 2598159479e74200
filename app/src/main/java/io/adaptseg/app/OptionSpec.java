package io.adaptseg.app;

import java.util.Optional;
import java.util.function.Supplier;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/**
 * One option that takes a value, declared once: its name, the value's name in the help, what it
 * does, its default, and its parser. The Commons CLI option with its help text ("(default 4)"
 * appended from the same default the code uses) and the typed value both come from here, so a
 * default cannot be written twice and every bad value becomes the same kind of usage error:
 * {@code --batch: must be an integer of at least 1, found 'x'}.
 *
 * @param argName the value's name in the help, e.g. FILE, DIR, N; one meaning per option name
 *     across commands (a test checks it)
 * @param mandatory Commons CLI refuses a command line without it
 * @param defaultValue empty for an option without a default
 * @param defaultText the default as the help prints it (empty: not printed)
 */
record OptionSpec<T>(String name, String argName, String description, ValueParser<T> parser, boolean mandatory,
                     Optional<Supplier<T>> defaultValue, String defaultText) {

    /** An optional option without a default: read it with {@link #optional}. */
    static <T> OptionSpec<T> of(String name, String argName, ValueParser<T> parser, String description) {
        return new OptionSpec<>(name, argName, description, parser, false, Optional.empty(), "");
    }

    /** A required option. */
    OptionSpec<T> required() {
        return new OptionSpec<>(name, argName, description, parser, true, Optional.empty(), "");
    }

    /** The same option with a default shown in the help as its string form. */
    OptionSpec<T> withDefault(T value) {
        return withDefault(() -> value, String.valueOf(value));
    }

    /** The same option with a default shown in the help as {@code shown}. */
    OptionSpec<T> withDefault(T value, String shown) {
        return withDefault(() -> value, shown);
    }

    /** The same option with a default computed at run time, shown in the help as {@code shown}. */
    OptionSpec<T> withDefault(Supplier<T> value, String shown) {
        return new OptionSpec<>(name, argName, description, parser, false, Optional.of(value), shown);
    }

    /** The Commons CLI option, its help text ending with the default. */
    Option option() {
        String help = defaultText.isEmpty() ? description : description + " (default " + defaultText + ")";
        return Option.builder().longOpt(name).hasArg().argName(argName).required(mandatory).desc(help).build();
    }

    /** The value given, or the default. */
    T value(CommandLine line) {
        return optional(line).orElseGet(() -> defaultValue.orElseThrow(() -> new IllegalStateException(
                "--" + name + " has no default; read it with optional()")).get());
    }

    /** The value given, parsed; empty when the option is absent. */
    Optional<T> optional(CommandLine line) {
        String text = line.getOptionValue(name);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.parse(text));
        } catch (IllegalArgumentException e) {
            // a UsageException already names the option (and the part of it) in its own words
            throw new UsageException("--" + name + ": " + e.getMessage());
        }
    }

    /** Whether the option was given. */
    boolean given(CommandLine line) {
        return line.hasOption(name);
    }
}
