package io.adaptseg.app;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image size given on the command line, always WIDTHxHEIGHT (2048x1024 is a Cityscapes frame),
 * as images are usually named and as the training config's {@code input-size: W,H}. Every size
 * option parses through here; code that needs (height, width), as tensors do, converts after parsing.
 */
record ImageSize(int width, int height) {
    /** The expected form, as usage errors and help texts print it. */
    static final String FORM = "WIDTHxHEIGHT such as 2048x1024";

    /** Both sides digits only (no sign), at most nine so that they fit an int; x or X between them. */
    private static final Pattern SIZE = Pattern.compile("\\s*(\\d{1,9})\\s*[xX]\\s*(\\d{1,9})\\s*");

    ImageSize {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, found " + width + "x" + height);
        }
    }

    /** Parses {@code text} given for {@code option} (e.g. "--size"); both sides at least {@code minimum}. */
    static ImageSize parse(String option, String text, int minimum) {
        return parse(option, text, minimum, minimum);
    }

    /**
     * Parses {@code text} given for {@code option}, a width of at least {@code minWidth} and a height
     * of at least {@code minHeight}.
     *
     * @throws UsageException naming the option, the value found and the expected form or bound
     */
    static ImageSize parse(String option, String text, int minWidth, int minHeight) {
        requireBounds(minWidth, minHeight);
        try {
            return parse(text, minWidth, minHeight);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " " + e.getMessage());
        }
    }

    /**
     * Parses {@code text}, a width of at least {@code minWidth} and a height of at least {@code minHeight}.
     *
     * @throws IllegalArgumentException saying the value found and the expected form or bound
     */
    static ImageSize parse(String text, int minWidth, int minHeight) {
        requireBounds(minWidth, minHeight);
        Matcher m = SIZE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("must be " + FORM + ", found '" + text + "'");
        }
        int width = Integer.parseInt(m.group(1));
        int height = Integer.parseInt(m.group(2));
        if (width < minWidth || height < minHeight) {
            throw new IllegalArgumentException("must be at least " + minWidth + "x" + minHeight
                    + " (WIDTHxHEIGHT), found '" + text + "'");
        }
        return new ImageSize(width, height);
    }

    /** A bound below 1 is the caller's mistake, never the user's. */
    private static void requireBounds(int minWidth, int minHeight) {
        if (minWidth < 1 || minHeight < 1) {
            throw new IllegalArgumentException("lower bounds must be positive, found " + minWidth + "x" + minHeight);
        }
    }

    /** Parses a comma-separated list of sizes, each at least {@code minimum} both ways; at least one. */
    static List<ImageSize> parseList(String text, int minimum) {
        List<ImageSize> sizes = new ArrayList<>();
        // -1: "a,,b" and a trailing comma give empty parts, reported as such rather than skipped
        for (String part : (text == null ? "" : text).split(",", -1)) {
            sizes.add(parse(part, minimum, minimum));
        }
        return sizes;
    }

    /** {@link #parseList(String, int)} for {@code option}, failing with a usage error naming it. */
    static List<ImageSize> parseList(String option, String text, int minimum) {
        try {
            return parseList(text, minimum);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " " + e.getMessage());
        }
    }

    /** "WxH", the form the options take. */
    @Override
    public String toString() {
        return width + "x" + height;
    }
}
