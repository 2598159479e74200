package io.adaptseg.core.resample;

/**
 * Bilinear resampling, flipping and argmax of flat images and logit maps. Images are interleaved
 * 8-bit RGB rows ({@code [H][W][3]}); logits are planar float maps {@code [C][H][W]} starting at an
 * offset in a larger array (one image of a batch). Interpolation runs x first, in float: images as
 * {@code a + (b − a) · f} (how training images were always resized, so they stay bit-identical),
 * logits as {@code a · (1 − f) + b · f} (PyTorch's kernel). No anti-aliasing when shrinking, as
 * PyTorch's {@code F.interpolate} by default.
 */
public final class Resampler {
    private Resampler() {
    }

    /** Resizes an interleaved RGB byte image, rounding to the nearest byte. */
    public static byte[] resizeRgb(byte[] rgb, int width, int height, int outWidth, int outHeight,
            Convention convention) {
        requireLength(rgb.length, (long) width * height * 3, "RGB image", width, height);
        if (width == outWidth && height == outHeight) {
            return rgb;
        }
        Axis ax = Axis.of(width, outWidth, convention);
        Axis ay = Axis.of(height, outHeight, convention);
        byte[] out = new byte[outWidth * outHeight * 3];
        for (int y = 0; y < outHeight; y++) {
            int r0 = ay.lo()[y] * width;
            int r1 = ay.hi()[y] * width;
            float fy = ay.frac()[y];
            for (int x = 0; x < outWidth; x++) {
                int o = (y * outWidth + x) * 3;
                float fx = ax.frac()[x];
                for (int c = 0; c < 3; c++) {
                    float a = rgb[(r0 + ax.lo()[x]) * 3 + c] & 0xFF;
                    float b = rgb[(r0 + ax.hi()[x]) * 3 + c] & 0xFF;
                    float d = rgb[(r1 + ax.lo()[x]) * 3 + c] & 0xFF;
                    float e = rgb[(r1 + ax.hi()[x]) * 3 + c] & 0xFF;
                    float top = a + (b - a) * fx;
                    float bottom = d + (e - d) * fx;
                    out[o + c] = (byte) Math.round(top + (bottom - top) * fy);
                }
            }
        }
        return out;
    }

    /**
     * Resizes an interleaved RGB byte image exactly as PIL's {@code Image.resize(size, Image.BICUBIC)}
     * (the input resize of AdaptSegNet, CLAN and MaxSquare; {@link PilResample} says what that is). The
     * same array when the size does not change.
     */
    public static byte[] resizeRgbBicubic(byte[] rgb, int width, int height, int outWidth, int outHeight) {
        return resizePil(rgb, width, height, outWidth, outHeight, PilResample.Filter.BICUBIC);
    }

    /**
     * Resizes an interleaved RGB byte image exactly as PIL's {@code Image.resize(size, Image.BILINEAR)}
     * (CAG's input resize), antialiased when shrinking, unlike {@link #resizeRgb}.
     */
    public static byte[] resizeRgbPilBilinear(byte[] rgb, int width, int height, int outWidth, int outHeight) {
        return resizePil(rgb, width, height, outWidth, outHeight, PilResample.Filter.BILINEAR);
    }

    private static byte[] resizePil(byte[] rgb, int width, int height, int outWidth, int outHeight,
            PilResample.Filter filter) {
        requireLength(rgb.length, (long) width * height * 3, "RGB image", width, height);
        if (outWidth < 1 || outHeight < 1) {
            throw new IllegalArgumentException("output size must be positive, found " + outWidth + "x" + outHeight);
        }
        if (width == outWidth && height == outHeight) {
            return rgb;
        }
        return PilResample.resize(rgb, width, height, outWidth, outHeight, filter);
    }

    /** Resamples logits {@code [C][h][w]} at {@code offset} to a new {@code [C][outH][outW]} array. */
    public static float[] resize(float[] logits, int offset, int classes, int h, int w, int outH, int outW,
            Convention convention) {
        float[] out = new float[classes * outH * outW];
        accumulate(logits, offset, classes, h, w, outH, outW, convention, out, outH, outW, 0, 0);
        return out;
    }

    /**
     * Resamples logits {@code [C][h][w]} to {@code tileH×tileW} and adds them into {@code sum}
     * {@code [C][height][width]} at ({@code top}, {@code left}); the tile must lie inside.
     */
    public static void accumulate(float[] logits, int offset, int classes, int h, int w, int tileH, int tileW,
            Convention convention, float[] sum, int height, int width, int top, int left) {
        requireLength(logits.length - offset, (long) classes * h * w, "logits", w, h);
        if (top < 0 || left < 0 || top + tileH > height || left + tileW > width) {
            throw new IllegalArgumentException("tile " + tileW + "x" + tileH + " at (" + left + "," + top
                    + ") does not lie inside " + width + "x" + height);
        }
        Axis ax = Axis.of(w, tileW, convention);
        Axis ay = Axis.of(h, tileH, convention);
        int plane = h * w;
        int outPlane = height * width;
        for (int c = 0; c < classes; c++) {
            int in = offset + c * plane;
            int out = c * outPlane;
            for (int y = 0; y < tileH; y++) {
                int r0 = in + ay.lo()[y] * w;
                int r1 = in + ay.hi()[y] * w;
                float fy = ay.frac()[y];
                int row = out + (top + y) * width + left;
                for (int x = 0; x < tileW; x++) {
                    sum[row + x] += sample(logits, r0, r1, ax, x, fy);
                }
            }
        }
    }

    /**
     * Resamples logits {@code [C][h][w]} to {@code outH×outW} and returns the argmax per pixel,
     * without materialising the resampled maps. Ties go to the lower class, as ONNX ArgMax does.
     */
    public static int[] resizeArgmax(float[] logits, int offset, int classes, int h, int w, int outH, int outW,
            Convention convention) {
        requireLength(logits.length - offset, (long) classes * h * w, "logits", w, h);
        Axis ax = Axis.of(w, outW, convention);
        Axis ay = Axis.of(h, outH, convention);
        int plane = h * w;
        int[] labels = new int[outH * outW];
        for (int y = 0; y < outH; y++) {
            int r0 = offset + ay.lo()[y] * w;
            int r1 = offset + ay.hi()[y] * w;
            float fy = ay.frac()[y];
            for (int x = 0; x < outW; x++) {
                float best = Float.NEGATIVE_INFINITY;
                int arg = 0;
                for (int c = 0, p = 0; c < classes; c++, p += plane) {
                    float v = sample(logits, r0 + p, r1 + p, ax, x, fy);
                    if (v > best) {
                        best = v;
                        arg = c;
                    }
                }
                labels[y * outW + x] = arg;
            }
        }
        return labels;
    }

    /** Argmax over classes of {@code [C][h][w]} logits at {@code offset}; ties to the lower class. */
    public static int[] argmax(float[] logits, int offset, int classes, int h, int w) {
        return resizeArgmax(logits, offset, classes, h, w, h, w, Convention.HALF_PIXEL);
    }

    /** Mirrors {@code channels} planes of {@code h×w} left to right, from {@code from} into {@code to}. */
    public static void flipInto(float[] from, int offset, int channels, int h, int w, float[] to, int at) {
        for (int row = 0; row < channels * h; row++) {
            int src = offset + row * w;
            int dst = at + row * w;
            for (int x = 0; x < w; x++) {
                to[dst + x] = from[src + w - 1 - x];
            }
        }
    }

    /** Mirrors an interleaved image of {@code pixelSize} bytes per pixel left to right. */
    public static byte[] flipInterleaved(byte[] pixels, int width, int height, int pixelSize) {
        requireLength(pixels.length, (long) width * height * pixelSize, "image", width, height);
        byte[] out = new byte[pixels.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                System.arraycopy(pixels, (y * width + x) * pixelSize, out, (y * width + (width - 1 - x)) * pixelSize,
                        pixelSize);
            }
        }
        return out;
    }

    /** Mirrors a planar int map of {@code width×height} left to right. */
    public static int[] flip(int[] values, int width, int height) {
        requireLength(values.length, (long) width * height, "map", width, height);
        int[] out = new int[values.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out[y * width + (width - 1 - x)] = values[y * width + x];
            }
        }
        return out;
    }

    private static float sample(float[] v, int r0, int r1, Axis ax, int x, float fy) {
        float fx = ax.frac()[x];
        float a = v[r0 + ax.lo()[x]];
        float b = v[r0 + ax.hi()[x]];
        float d = v[r1 + ax.lo()[x]];
        float e = v[r1 + ax.hi()[x]];
        // PyTorch's upsample_bilinear2d form (weights times values), so logits match it to rounding
        float top = a * (1 - fx) + b * fx;
        float bottom = d * (1 - fx) + e * fx;
        return top * (1 - fy) + bottom * fy;
    }

    private static void requireLength(long have, long need, String what, int width, int height) {
        if (have < need) {
            throw new IllegalArgumentException(what + " of " + width + "x" + height + " needs " + need
                    + " values, found " + have);
        }
    }
}
