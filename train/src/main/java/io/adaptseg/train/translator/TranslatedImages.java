package io.adaptseg.train.translator;

import io.adaptseg.core.image.RgbImage;

/**
 * Between the translator's planar float images and 8-bit RGB. The decoder's output is unbounded: a value
 * of 1.2 must become 255, not wrap round to 51 as a plain byte cast does (the overflow the seed notes
 * hit when saving translated images), so every value is clamped to [0, 255] before it is rounded.
 */
public final class TranslatedImages {
    private TranslatedImages() {
    }

    /** Interleaved 8-bit RGB of the planar image at {@code offset} in {@code chw} (values in [0, 1] nominal). */
    public static RgbImage toRgb(float[] chw, int offset, int width, int height) {
        int plane = width * height;
        byte[] rgb = new byte[3 * plane];
        for (int c = 0; c < 3; c++) {
            int base = offset + c * plane;
            for (int i = 0; i < plane; i++) {
                rgb[3 * i + c] = (byte) toByte(chw[base + i]);
            }
        }
        return new RgbImage(width, height, rgb);
    }

    /** {@code round(clamp(255 * v, 0, 255))}; NaN becomes 0. */
    public static int toByte(float v) {
        float scaled = v * 255f;
        if (!(scaled > 0f)) {
            return 0;
        }
        if (scaled >= 255f) {
            return 255;
        }
        return Math.round(scaled);
    }
}
