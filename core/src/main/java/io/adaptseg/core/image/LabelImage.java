package io.adaptseg.core.image;

/**
 * A single-channel label image as a flat row-major array (index = y * width + x). Values are the
 * raw stored values: 0..255 for 8-bit files, 0..65535 for 16-bit ones.
 */
public record LabelImage(int width, int height, int[] values) {
    public LabelImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, found " + width + "x" + height);
        }
        if (values.length != (long) width * height) {
            throw new IllegalArgumentException("values has " + values.length + " entries, expected "
                    + width + "x" + height + " = " + (long) width * height);
        }
    }

    /** A new image of the given size filled with {@code value}. */
    public static LabelImage filled(int width, int height, int value) {
        int[] values = new int[width * height];
        java.util.Arrays.fill(values, value);
        return new LabelImage(width, height, values);
    }

    /** "WxH", as messages print sizes. */
    public String sizeString() {
        return width + "x" + height;
    }
}
