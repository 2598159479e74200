package io.adaptseg.core.image;

import io.adaptseg.core.AdaptsegException;

/**
 * The most pixels one decoded image may have. A PNG header states the size before any pixel data,
 * so a 69-byte file can claim 20000×20000 and make a decoder allocate 1.2 GB for nothing; the
 * decoder compares the header with this budget before it allocates anything for pixels.
 *
 * <p>The default, 8192 × 8192 (67,108,864 pixels), covers 4K and 8K UHD frames (3840 × 2160,
 * 7680 × 4320) and every dataset the project reads. The system property
 * {@value #PROPERTY} changes the process default ({@code ADAPTSEG_JAVA_OPTS=-Dadaptseg.max-pixels=N});
 * {@code predict --max-pixels} changes it for one run.
 *
 * @param maxPixels width × height allowed, positive
 */
public record PixelBudget(long maxPixels) {
    /** 8192 × 8192. */
    public static final long DEFAULT_MAX_PIXELS = 8192L * 8192L;
    /** System property that replaces the default. */
    public static final String PROPERTY = "adaptseg.max-pixels";

    public PixelBudget {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("the pixel budget must be positive, found " + maxPixels);
        }
    }

    /**
     * The process default: {@value #PROPERTY} when set, else {@link #DEFAULT_MAX_PIXELS}.
     *
     * @throws IllegalArgumentException naming the property when its value is not a positive integer
     */
    public static PixelBudget configured() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return new PixelBudget(DEFAULT_MAX_PIXELS);
        }
        return parse(value, "-D" + PROPERTY);
    }

    /**
     * Parses a pixel count: an integer ({@code 40000000}) or a size ({@code 8192x8192}).
     *
     * @param what names the option or property in the message
     * @throws IllegalArgumentException naming {@code what} and the value
     */
    public static PixelBudget parse(String value, String what) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            int x = v.indexOf('x');
            long pixels = x > 0 ? Math.multiplyExact(Long.parseLong(v.substring(0, x)), Long.parseLong(v.substring(x + 1)))
                    : Long.parseLong(v);
            if (pixels > 0) {
                return new PixelBudget(pixels);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw new IllegalArgumentException(what + " must be a positive pixel count (e.g. 67108864) or a size WIDTHxHEIGHT"
                + " (e.g. 8192x8192), found '" + value + "'");
    }

    /**
     * Refuses a header over the budget, before anything is allocated for its pixels.
     *
     * @throws AdaptsegException naming the source, its size and the budget
     */
    public void check(PngHeader header, String source) throws AdaptsegException {
        check(header.width(), header.height(), "PNG", source);
    }

    /**
     * Refuses a size read from a file's header (any format) over the budget.
     *
     * @param format names the format in the message, e.g. {@code JPEG}
     * @throws AdaptsegException naming the source, its size and the budget
     */
    public void check(int width, int height, String format, String source) throws AdaptsegException {
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw new AdaptsegException(source + ": image too large: the " + format + " header says " + width + "x" + height
                    + " (" + pixels + " pixels), over the budget of " + maxPixels + " pixels (--max-pixels, -D" + PROPERTY + ")");
        }
    }
}
