package io.adaptseg.core.resample;

/**
 * PIL's {@code Image.resize(size, Image.BICUBIC)} and {@code Image.resize(size, Image.BILINEAR)} for
 * 8-bit RGB, bit for bit: the resizes the reference repositories apply to their input images
 * (AdaptSegNet, CLAN and MaxSquare bicubic, e.g. AdaptSegNet {@code dataset/gta5_dataset.py:54}; CAG
 * bilinear, {@code data/gta5_dataset.py:159}, {@code augmentations/augmentations.py:374}). What Pillow
 * does ({@code src/libImaging/Resample.c}, functions {@code bicubic_filter}, {@code bilinear_filter},
 * {@code precompute_coeffs}, {@code normalize_coeffs_8bpc}, {@code ImagingResampleInner}), rewritten:
 * <ul>
 * <li>a separable convolution, the horizontal pass first (only when the width changes), its result
 *     rounded and clipped to bytes, then the vertical pass (only when the height changes);</li>
 * <li>the kernel is Keys' cubic with a = −0.5 and support 2 (bicubic) or the triangle 1 − |x| with
 *     support 1 (bilinear), centred on output pixel centres ({@code center = (i + 0.5) · in / out},
 *     half-pixel);</li>
 * <li>when shrinking by a factor s &gt; 1 the kernel is stretched by s (support 2s or s, argument
 *     divided by s): an antialiasing filter, not the 4- or 2-tap interpolation of PyTorch or OpenCV;</li>
 * <li>each output pixel's taps cover source pixels {@code [(int)(center − support + 0.5),
 *     (int)(center + support + 0.5))} clipped to the image, and their weights are divided by their sum
 *     (so the border renormalises instead of replicating edge pixels);</li>
 * <li>weights become 22-bit fixed point (rounded half away from zero), sums start at 2^21 and are
 *     shifted right by 22, then clipped to [0, 255].</li>
 * </ul>
 */
final class PilResample {
    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final double A = -0.5;

    private PilResample() {
    }

    /** Pillow's two filters that the references use, with their support (kernel half-width) at scale 1. */
    enum Filter {
        BILINEAR(1.0), BICUBIC(2.0);

        private final double support;

        Filter(double support) {
            this.support = support;
        }

        double at(double x) {
            return this == BICUBIC ? cubic(x) : triangle(x);
        }
    }

    /** Per output sample: the first source index, how many taps, and their fixed-point weights. */
    private record Taps(int[] first, int[] count, int[][] weights) {
    }

    static byte[] resize(byte[] rgb, int width, int height, int outWidth, int outHeight, Filter filter) {
        byte[] pixels = rgb;
        int w = width;
        if (outWidth != width) {
            pixels = horizontal(pixels, width, height, outWidth, taps(width, outWidth, filter));
            w = outWidth;
        }
        if (outHeight != height) {
            pixels = vertical(pixels, w, outHeight, taps(height, outHeight, filter));
        }
        return pixels;
    }

    static double cubic(double x) {
        x = Math.abs(x);
        if (x < 1.0) {
            return ((A + 2.0) * x - (A + 3.0)) * x * x + 1;
        }
        if (x < 2.0) {
            return (((x - 5) * x + 8) * x - 4) * A;
        }
        return 0.0;
    }

    static double triangle(double x) {
        x = Math.abs(x);
        return x < 1.0 ? 1.0 - x : 0.0;
    }

    private static Taps taps(int in, int out, Filter filter) {
        double scale = (double) in / out;
        double filterScale = Math.max(scale, 1.0);
        double support = filter.support * filterScale;
        double inverse = 1.0 / filterScale;
        int[] first = new int[out];
        int[] count = new int[out];
        int[][] weights = new int[out][];
        for (int i = 0; i < out; i++) {
            double center = (i + 0.5) * scale;
            int lo = Math.max(0, (int) (center - support + 0.5));
            int hi = Math.min(in, (int) (center + support + 0.5));
            int n = Math.max(0, hi - lo);
            double[] k = new double[n];
            double sum = 0.0;
            for (int x = 0; x < n; x++) {
                k[x] = filter.at((x + lo - center + 0.5) * inverse);
                sum += k[x];
            }
            int[] fixed = new int[n];
            for (int x = 0; x < n; x++) {
                double v = sum != 0.0 ? k[x] / sum : k[x];
                fixed[x] = v < 0 ? (int) (-0.5 + v * (1 << PRECISION_BITS)) : (int) (0.5 + v * (1 << PRECISION_BITS));
            }
            first[i] = lo;
            count[i] = n;
            weights[i] = fixed;
        }
        return new Taps(first, count, weights);
    }

    private static byte clip8(int sum) {
        int v = sum >> PRECISION_BITS;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }

    private static byte[] horizontal(byte[] in, int width, int height, int outWidth, Taps t) {
        byte[] out = new byte[outWidth * height * 3];
        int[] first = t.first();
        int[] count = t.count();
        int[][] weights = t.weights();
        for (int y = 0; y < height; y++) {
            int row = y * width * 3;
            int o = y * outWidth * 3;
            for (int x = 0; x < outWidth; x++, o += 3) {
                int[] k = weights[x];
                int n = count[x];
                int s0 = 1 << (PRECISION_BITS - 1);
                int s1 = s0;
                int s2 = s0;
                for (int j = 0, p = row + first[x] * 3; j < n; j++, p += 3) {
                    int w = k[j];
                    s0 += (in[p] & 0xFF) * w;
                    s1 += (in[p + 1] & 0xFF) * w;
                    s2 += (in[p + 2] & 0xFF) * w;
                }
                out[o] = clip8(s0);
                out[o + 1] = clip8(s1);
                out[o + 2] = clip8(s2);
            }
        }
        return out;
    }

    private static byte[] vertical(byte[] in, int width, int outHeight, Taps t) {
        byte[] out = new byte[width * outHeight * 3];
        int stride = width * 3;
        int[] sum = new int[stride];
        for (int y = 0; y < outHeight; y++) {
            int[] k = t.weights()[y];
            // one source row at a time into a row of sums: sequential, and the JIT vectorises the loop
            // (integer sums, so the order of the terms does not change a bit of the result)
            java.util.Arrays.fill(sum, 1 << (PRECISION_BITS - 1));
            for (int j = 0, row = t.first()[y] * stride; j < t.count()[y]; j++, row += stride) {
                int w = k[j];
                for (int c = 0; c < stride; c++) {
                    sum[c] += (in[row + c] & 0xFF) * w;
                }
            }
            int o = y * stride;
            for (int c = 0; c < stride; c++) {
                out[o + c] = clip8(sum[c]);
            }
        }
        return out;
    }
}
