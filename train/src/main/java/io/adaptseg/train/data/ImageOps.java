package io.adaptseg.train.data;

import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.core.resample.Convention;
import io.adaptseg.core.resample.ImageResize;
import io.adaptseg.core.resample.Resampler;

/** Resizing, cropping and flipping of flat images; labels are only ever resized with nearest. */
public final class ImageOps {
    private ImageOps() {
    }

    /** Bilinear resize with half-pixel centres (as PIL/PyTorch for upsampling): the shared {@link Resampler}. */
    public static RgbImage resizeBilinear(RgbImage src, int width, int height) {
        if (src.width() == width && src.height() == height) {
            return src;
        }
        return new RgbImage(width, height,
                Resampler.resizeRgb(src.rgb(), src.width(), src.height(), width, height, Convention.HALF_PIXEL));
    }

    /** Resize by {@code resize}; the same image when the size does not change. */
    public static RgbImage resize(RgbImage src, int width, int height, ImageResize resize) {
        if (src.width() == width && src.height() == height) {
            return src;
        }
        return new RgbImage(width, height, resize.resize(src.rgb(), src.width(), src.height(), width, height));
    }

    /** Nearest-neighbour resize (PIL NEAREST: source index floor((x + 0.5) * scale)). */
    public static LabelImage resizeNearest(LabelImage src, int width, int height) {
        if (src.width() == width && src.height() == height) {
            return src;
        }
        int[] out = new int[width * height];
        int[] xs = new int[width];
        for (int x = 0; x < width; x++) {
            xs[x] = Math.min((int) ((x + 0.5) * src.width() / width), src.width() - 1);
        }
        for (int y = 0; y < height; y++) {
            int sy = Math.min((int) ((y + 0.5) * src.height() / height), src.height() - 1);
            for (int x = 0; x < width; x++) {
                out[y * width + x] = src.values()[sy * src.width() + xs[x]];
            }
        }
        return new LabelImage(width, height, out);
    }

    /** The {@code width x height} window at (left, top); outside the source: zeros. */
    public static RgbImage crop(RgbImage src, int left, int top, int width, int height) {
        byte[] out = new byte[width * height * 3];
        copyWindow(src.rgb(), src.width(), src.height(), 3, left, top, out, width, height);
        return new RgbImage(width, height, out);
    }

    /** The {@code width x height} window at (left, top); outside the source: {@code fill}. */
    public static LabelImage crop(LabelImage src, int left, int top, int width, int height, int fill) {
        int[] out = new int[width * height];
        java.util.Arrays.fill(out, fill);
        copyWindow(src.values(), src.width(), src.height(), 1, left, top, out, width, height);
        return new LabelImage(width, height, out);
    }

    /**
     * Copies the part of the {@code width x height} window at (left, top) that lies inside the source
     * into {@code out}, one row run at a time; the rest of {@code out} keeps its fill. {@code src} and
     * {@code out} are arrays of one primitive type with {@code channels} interleaved values per pixel.
     */
    private static void copyWindow(Object src, int srcWidth, int srcHeight, int channels, int left, int top,
            Object out, int width, int height) {
        int x0 = Math.max(0, -left);
        int x1 = Math.min(width, srcWidth - left);
        int y1 = Math.min(height, srcHeight - top);
        if (x1 <= x0) {
            return;
        }
        for (int y = Math.max(0, -top); y < y1; y++) {
            System.arraycopy(src, ((top + y) * srcWidth + left + x0) * channels, out, (y * width + x0) * channels,
                    (x1 - x0) * channels);
        }
    }

    /** The image mirrored left to right. */
    public static RgbImage flip(RgbImage src) {
        return new RgbImage(src.width(), src.height(), Resampler.flipInterleaved(src.rgb(), src.width(), src.height(), 3));
    }

    /** The label map mirrored left to right. */
    public static LabelImage flip(LabelImage src) {
        return new LabelImage(src.width(), src.height(), Resampler.flip(src.values(), src.width(), src.height()));
    }

    /**
     * Separable Gaussian blur with standard deviation {@code sigma} pixels (kernel radius ceil(3 sigma),
     * borders clamped), rounding to bytes. PIL's {@code GaussianBlur(radius)} approximates the same
     * Gaussian with three box passes, so results differ from it by rounding-sized amounts. A sigma below
     * 0.05 returns the image unchanged (the kernel is a delta to 8-bit precision).
     */
    public static RgbImage gaussianBlur(RgbImage src, double sigma) {
        if (sigma < 0.05) {
            return src;
        }
        int r = (int) Math.ceil(3 * sigma);
        float[] k = new float[2 * r + 1];
        float sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = (float) Math.exp(-(i * i) / (2 * sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        int w = src.width();
        int h = src.height();
        byte[] in = src.rgb();
        float[] tmp = new float[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    float acc = 0;
                    for (int i = -r; i <= r; i++) {
                        int sx = Math.min(w - 1, Math.max(0, x + i));
                        acc += k[i + r] * (in[(y * w + sx) * 3 + c] & 0xFF);
                    }
                    tmp[(y * w + x) * 3 + c] = acc;
                }
            }
        }
        byte[] out = new byte[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    float acc = 0;
                    for (int i = -r; i <= r; i++) {
                        int sy = Math.min(h - 1, Math.max(0, y + i));
                        acc += k[i + r] * tmp[(sy * w + x) * 3 + c];
                    }
                    out[(y * w + x) * 3 + c] = (byte) Math.min(255, Math.round(acc));
                }
            }
        }
        return new RgbImage(w, h, out);
    }
}
