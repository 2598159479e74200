package io.adaptseg.core.model;

import java.util.Arrays;
import java.util.Locale;

/**
 * How an RGB image of bytes becomes a model input: optional swap to BGR, then per channel (in the
 * model's channel order) {@code (value * scale - mean[c]) / std[c]}. One value per model family,
 * used by the trainer's loaders, written into the ONNX metadata by the exporter and read back by
 * the runtime, so the three can never disagree.
 */
public record Normalization(ColorOrder colorOrder, double scale, double[] mean, double[] std) {
    /** DeepLab-v2 family (AdvNet, CLAN, MaxSquare): BGR, minus IMG_MEAN, no scaling or division. */
    public static final Normalization DEEPLAB_V2_CAFFE = new Normalization(ColorOrder.BGR, 1.0,
            new double[] {104.00698793, 116.66876762, 122.67891434}, new double[] {1.0, 1.0, 1.0});

    /** CAG's DeepLab-v3+: RGB divided by 255, no mean. */
    public static final Normalization RGB_UNIT = new Normalization(ColorOrder.RGB, 1.0 / 255.0,
            new double[] {0.0, 0.0, 0.0}, new double[] {1.0, 1.0, 1.0});

    public Normalization {
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 values, found "
                    + mean.length + " and " + std.length);
        }
        for (double s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std values must be positive, found " + Arrays.toString(std));
            }
        }
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale must be positive, found " + scale);
        }
        mean = mean.clone();
        std = std.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    /**
     * Writes the normalised planar CHW floats of an interleaved RGB byte image into {@code out}
     * starting at {@code offset} (3 * width * height values).
     */
    public void toChw(byte[] rgb, int pixels, float[] out, int offset) {
        float[] a = new float[3];
        float[] b = new float[3];
        for (int c = 0; c < 3; c++) {
            a[c] = (float) (scale / std[c]);
            b[c] = (float) (-mean[c] / std[c]);
        }
        boolean bgr = colorOrder == ColorOrder.BGR;
        int plane1 = offset + pixels;
        int plane2 = offset + 2 * pixels;
        for (int i = 0, s = 0; i < pixels; i++, s += 3) {
            int r = rgb[s] & 0xFF;
            int g = rgb[s + 1] & 0xFF;
            int bl = rgb[s + 2] & 0xFF;
            int c0 = bgr ? bl : r;
            int c2 = bgr ? r : bl;
            out[offset + i] = c0 * a[0] + b[0];
            out[plane1 + i] = g * a[1] + b[1];
            out[plane2 + i] = c2 * a[2] + b[2];
        }
    }

    /** Channel order of the model input. */
    public enum ColorOrder {
        RGB, BGR;

        /** Parses "rgb"/"bgr", case-insensitively. */
        public static ColorOrder parse(String value) {
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown colour order '" + value + "', expected rgb or bgr");
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && n.colorOrder == colorOrder && n.scale == scale
                && Arrays.equals(n.mean, mean) && Arrays.equals(n.std, std);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * colorOrder.hashCode() + Double.hashCode(scale)) + 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "Normalization[" + colorOrder + ", scale=" + scale + ", mean=" + Arrays.toString(mean)
                + ", std=" + Arrays.toString(std) + "]";
    }
}
