package io.adaptseg.export.int8;

import io.adaptseg.export.calibration.ActivationRange;

/**
 * One tensor's affine quantisation, {@code x ≈ (q - zeroPoint) * scale}, with q in uint8 (0..255) or
 * int8 (-128..127), rounding half to even and saturating as ONNX's QuantizeLinear does.
 */
public record QuantParams(float scale, int zeroPoint, boolean unsigned) {
    public QuantParams {
        if (!(scale > 0) || !Float.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be positive and finite, found " + scale);
        }
        if (zeroPoint < min(unsigned) || zeroPoint > max(unsigned)) {
            throw new IllegalArgumentException("zero point " + zeroPoint + " outside " + min(unsigned) + ".."
                    + max(unsigned));
        }
    }

    /**
     * Parameters covering a calibrated range: uint8 asymmetric, {@code scale = (hi - lo) / 255} and
     * {@code zeroPoint = round(-lo / scale)}; int8 symmetric, {@code scale = max(|lo|, |hi|) / 127} and
     * zero point 0. A range of width 0 (a tensor that was always 0) gets scale 1.
     */
    public static QuantParams forRange(ActivationRange range, boolean unsigned) {
        if (unsigned) {
            double width = range.hi() - range.lo();
            if (width == 0) {
                return new QuantParams(1, 0, true);
            }
            float scale = (float) (width / 255);
            int zp = (int) Math.max(0, Math.min(255, Math.rint(-range.lo() / scale)));
            return new QuantParams(scale, zp, true);
        }
        double m = Math.max(-range.lo(), range.hi());
        return new QuantParams(m == 0 ? 1 : (float) (m / 127), 0, false);
    }

    /** QuantizeLinear of one value. */
    public int quantize(float x) {
        double q = Math.rint(x / scale) + zeroPoint;
        return (int) Math.max(min(unsigned), Math.min(max(unsigned), q));
    }

    /** DequantizeLinear of one value. */
    public float dequantize(int q) {
        return (q - zeroPoint) * scale;
    }

    private static int min(boolean unsigned) {
        return unsigned ? 0 : -128;
    }

    private static int max(boolean unsigned) {
        return unsigned ? 255 : 127;
    }
}
