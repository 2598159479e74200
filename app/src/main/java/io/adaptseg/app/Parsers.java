package io.adaptseg.app;

import io.adaptseg.train.device.TrainingDevice;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The one parser per value type that options use. */
final class Parsers {
    private Parsers() {
    }

    static final ValueParser<String> TEXT = text -> {
        if (text.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return text.trim();
    };

    static final ValueParser<Path> PATH = text -> {
        if (text.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid path (" + e.getReason() + ")");
        }
    };

    /** A training device: exactly cpu, gpu or gpu:N ({@link TrainingDevice#parse}). */
    static final ValueParser<TrainingDevice> DEVICE = TrainingDevice::parse;

    /** An integer of at least {@code min}. */
    static ValueParser<Integer> integer(int min) {
        return text -> {
            long v = whole(text);
            if (v < min || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("must be an integer of at least " + min + ", found '" + text + "'");
            }
            return (int) v;
        };
    }

    /** A long of at least {@code min}. */
    static ValueParser<Long> longInteger(long min) {
        return text -> {
            long v = whole(text);
            if (v < min) {
                throw new IllegalArgumentException("must be an integer of at least " + min + ", found '" + text + "'");
            }
            return v;
        };
    }

    private static long whole(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be an integer, found '" + text + "'");
        }
    }

    /** A finite number greater than {@code exclusiveMin}. */
    static ValueParser<Double> number(double exclusiveMin) {
        return text -> {
            double v;
            try {
                v = Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a number, found '" + text + "'");
            }
            if (!Double.isFinite(v) || v <= exclusiveMin) {
                throw new IllegalArgumentException("must be a finite number above " + exclusiveMin + ", found '" + text + "'");
            }
            return v;
        };
    }

    /** WIDTHxHEIGHT, both at least {@code min}. */
    static ValueParser<ImageSize> size(int min) {
        return size(min, min);
    }

    /** WIDTHxHEIGHT, at least {@code minWidth} x {@code minHeight}. */
    static ValueParser<ImageSize> size(int minWidth, int minHeight) {
        return text -> ImageSize.parse(text, minWidth, minHeight);
    }

    /** A comma-separated list of values, at least one, none empty. */
    static <T> ValueParser<List<T>> list(ValueParser<T> each) {
        return text -> {
            List<T> values = new ArrayList<>();
            for (String part : text.split(",", -1)) {
                if (part.isBlank()) {
                    throw new IllegalArgumentException("has an empty entry in '" + text + "'");
                }
                values.add(each.parse(part.trim()));
            }
            return List.copyOf(values);
        };
    }

    /** A comma-separated list of WIDTHxHEIGHT sizes. */
    static ValueParser<List<ImageSize>> sizes(int min) {
        return text -> ImageSize.parseList(text, min);
    }

    /** A name looked up by {@code lookup}, whose IllegalArgumentException names what is allowed. */
    static <T> ValueParser<T> choice(Function<String, T> lookup) {
        return text -> lookup.apply(text.trim().toLowerCase(Locale.ROOT));
    }
}
