package io.adaptseg.infer;

import io.adaptseg.runtime.predict.SlidingWindow;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values of {@code predict}'s options whose meaning is more than a number or a path, parsed in
 * one place for {@code adaptseg predict} and {@code adaptseg spark predict}, so the two commands
 * accept and refuse the same text with the same words.
 */
public final class PredictOptionValues {
    private static final String SIZE_FORM = "WIDTHxHEIGHT such as 2048x1024";
    /** Both sides digits only (no sign), at most nine so that they fit an int; x or X between them. */
    private static final Pattern SIZE = Pattern.compile("\\s*(\\d{1,9})\\s*[xX]\\s*(\\d{1,9})\\s*");

    private PredictOptionValues() {
    }

    /**
     * A value whose message already names the option and its part ({@code --sliding tile must be ...});
     * the others are reported as {@code --option: message}.
     */
    public static final class NamedValueException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        NamedValueException(String message) {
            super(message);
        }
    }

    /**
     * A Cityscapes split is one folder name: no path separators, no "..", so {@code --split} cannot
     * point outside {@code ROOT/leftImg8bit} and {@code ROOT/gtFine}.
     *
     * @throws IllegalArgumentException saying what was found
     */
    public static String split(String text) {
        String split = text.trim();
        if (!split.matches("[A-Za-z0-9_.-]+") || split.contains("..")) {
            throw new IllegalArgumentException("must be a folder name such as val, train or test, found '" + text + "'");
        }
        return split;
    }

    /**
     * Parses {@code tile=WxH,stride=WxH[,scale=S]}, sizes WIDTHxHEIGHT as every size option; the
     * stride defaults to two thirds of the tile.
     *
     * @throws NamedValueException for a tile or stride that is not WIDTHxHEIGHT of at least 1x1
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public static SlidingWindow sliding(String spec) {
        Map<String, String> parts = new HashMap<>();
        for (String token : spec.split(",")) {
            int eq = token.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected tile=WxH,stride=WxH[,scale=S], found '" + token.trim() + "' in '" + spec + "'");
            }
            parts.put(token.substring(0, eq).trim().toLowerCase(Locale.ROOT), token.substring(eq + 1).trim());
        }
        for (String key : parts.keySet()) {
            if (!Set.of("tile", "stride", "scale").contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' in '" + spec + "', expected tile, stride, scale");
            }
        }
        if (!parts.containsKey("tile")) {
            throw new IllegalArgumentException("tile=WxH is required in '" + spec + "'");
        }
        int[] tile = size("--sliding tile", parts.get("tile"));
        int[] stride = parts.containsKey("stride") ? size("--sliding stride", parts.get("stride"))
                : new int[] {Math.max(1, tile[0] * 2 / 3), Math.max(1, tile[1] * 2 / 3)};
        double scale;
        try {
            scale = Double.parseDouble(parts.getOrDefault("scale", "1"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("scale must be a number, found '" + parts.get("scale") + "'");
        }
        return new SlidingWindow(tile[1], tile[0], stride[1], stride[0], scale);
    }

    /** The text {@link #sliding} parses back to the same window (sent to Spark executors, kept in run records). */
    public static String slidingText(SlidingWindow w) {
        return String.format(Locale.ROOT, "tile=%dx%d,stride=%dx%d,scale=%s", w.tileWidth(), w.tileHeight(), w.strideX(),
                w.strideY(), w.scale());
    }

    /** {width, height}, both at least 1. */
    private static int[] size(String what, String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new NamedValueException(what + " must be " + SIZE_FORM + ", found '" + text + "'");
        }
        int width = Integer.parseInt(m.group(1));
        int height = Integer.parseInt(m.group(2));
        if (width < 1 || height < 1) {
            throw new NamedValueException(what + " must be at least 1x1 (WIDTHxHEIGHT), found '" + text + "'");
        }
        return new int[] {width, height};
    }
}
