package io.adaptseg.runtime.predict;

/**
 * Half-pixel bilinear resampling on flat arrays, the same arithmetic as ONNX
 * {@code Resize(mode=linear, coordinate_transformation_mode=half_pixel)} (and PyTorch
 * {@code align_corners=False}), so logits upsampled here match the model's own {@code labels}.
 */
public final class Bilinear {
    private Bilinear() {
    }

    /** Source indices and weights along one axis. */
    private record Axis(int[] lo, int[] hi, float[] frac) {
        static Axis of(int in, int out) {
            int[] lo = new int[out];
            int[] hi = new int[out];
            float[] frac = new float[out];
            double scale = (double) in / out;
            for (int i = 0; i < out; i++) {
                double src = Math.min(Math.max((i + 0.5) * scale - 0.5, 0), in - 1);
                lo[i] = (int) Math.floor(src);
                hi[i] = Math.min(lo[i] + 1, in - 1);
                frac[i] = (float) (src - lo[i]);
            }
            return new Axis(lo, hi, frac);
        }
    }

    /** Resizes an interleaved RGB byte image (no anti-aliasing: fine for the moderate scales used here). */
    public static byte[] resizeRgb(byte[] rgb, int width, int height, int outWidth, int outHeight) {
        if (width == outWidth && height == outHeight) {
            return rgb;
        }
        Axis ax = Axis.of(width, outWidth);
        Axis ay = Axis.of(height, outHeight);
        byte[] out = new byte[outWidth * outHeight * 3];
        for (int y = 0; y < outHeight; y++) {
            int r0 = ay.lo[y] * width * 3;
            int r1 = ay.hi[y] * width * 3;
            float fy = ay.frac[y];
            for (int x = 0, o = y * outWidth * 3; x < outWidth; x++, o += 3) {
                int c0 = ax.lo[x] * 3;
                int c1 = ax.hi[x] * 3;
                float fx = ax.frac[x];
                for (int c = 0; c < 3; c++) {
                    float top = (rgb[r0 + c0 + c] & 0xFF) * (1 - fx) + (rgb[r0 + c1 + c] & 0xFF) * fx;
                    float bottom = (rgb[r1 + c0 + c] & 0xFF) * (1 - fx) + (rgb[r1 + c1 + c] & 0xFF) * fx;
                    out[o + c] = (byte) Math.round(top * (1 - fy) + bottom * fy);
                }
            }
        }
        return out;
    }

    /**
     * Upsamples logits [C,h,w] (starting at {@code offset}) to outH×outW and returns the argmax per
     * pixel, without materialising the upsampled tensor. Ties go to the lower class, as ArgMax does.
     */
    public static int[] upsampleArgmax(float[] logits, int offset, int classes, int h, int w, int outH, int outW) {
        Axis ax = Axis.of(w, outW);
        Axis ay = Axis.of(h, outH);
        int plane = h * w;
        int[] labels = new int[outH * outW];
        for (int y = 0; y < outH; y++) {
            int r0 = offset + ay.lo[y] * w;
            int r1 = offset + ay.hi[y] * w;
            float fy = ay.frac[y];
            for (int x = 0; x < outW; x++) {
                int c0 = ax.lo[x];
                int c1 = ax.hi[x];
                float fx = ax.frac[x];
                float best = Float.NEGATIVE_INFINITY;
                int arg = 0;
                for (int c = 0, p = 0; c < classes; c++, p += plane) {
                    float top = logits[r0 + p + c0] * (1 - fx) + logits[r0 + p + c1] * fx;
                    float bottom = logits[r1 + p + c0] * (1 - fx) + logits[r1 + p + c1] * fx;
                    float v = top * (1 - fy) + bottom * fy;
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

    /**
     * Upsamples logits [C,h,w] to tileH×tileW and adds them into {@code sum} [C,H,W] at (top, left);
     * the tile must lie inside the image.
     */
    public static void upsampleAdd(float[] logits, int offset, int classes, int h, int w, int tileH, int tileW,
                                   float[] sum, int height, int width, int top, int left) {
        Axis ax = Axis.of(w, tileW);
        Axis ay = Axis.of(h, tileH);
        int plane = h * w;
        int outPlane = height * width;
        for (int c = 0; c < classes; c++) {
            int in = offset + c * plane;
            int out = c * outPlane;
            for (int y = 0; y < tileH; y++) {
                int r0 = in + ay.lo[y] * w;
                int r1 = in + ay.hi[y] * w;
                float fy = ay.frac[y];
                int row = out + (top + y) * width + left;
                for (int x = 0; x < tileW; x++) {
                    float fx = ax.frac[x];
                    float t = logits[r0 + ax.lo[x]] * (1 - fx) + logits[r0 + ax.hi[x]] * fx;
                    float b = logits[r1 + ax.lo[x]] * (1 - fx) + logits[r1 + ax.hi[x]] * fx;
                    sum[row + x] += t * (1 - fy) + b * fy;
                }
            }
        }
    }
}
