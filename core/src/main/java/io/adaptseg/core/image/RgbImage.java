package io.adaptseg.core.image;

/** An 8-bit RGB image as a flat interleaved array (index = (y * width + x) * 3 + channel). */
public record RgbImage(int width, int height, byte[] rgb) {
    public RgbImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, found " + width + "x" + height);
        }
        if (rgb.length != (long) width * height * 3) {
            throw new IllegalArgumentException("rgb has " + rgb.length + " bytes, expected "
                    + width + "x" + height + "x3 = " + (long) width * height * 3);
        }
    }

    /** "WxH", as messages print sizes. */
    public String sizeString() {
        return width + "x" + height;
    }
}
