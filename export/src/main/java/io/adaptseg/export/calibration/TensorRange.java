package io.adaptseg.export.calibration;

/**
 * The values one tensor took over the calibration images.
 *
 * @param name the tensor's name in the graph
 * @param opType the op that produces it ({@code input} for a graph input)
 * @param min the smallest finite value (+inf when none was finite)
 * @param max the largest finite value (-inf when none was finite)
 * @param nonFinite how many NaN or infinite values it held, summed over the images
 */
public record TensorRange(String name, String opType, double min, double max, long nonFinite) {
    /** A range before any value was seen. */
    static TensorRange empty(String name, String opType) {
        return new TensorRange(name, opType, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0);
    }

    /** The largest |x|: infinite when any value was NaN or infinite, 0 when nothing was seen. */
    public double maxAbs() {
        if (nonFinite > 0) {
            return Double.POSITIVE_INFINITY;
        }
        return max < min ? 0 : Math.max(Math.abs(min), Math.abs(max));
    }

    /** This range widened by the values of one run. */
    TensorRange with(float[] values) {
        return with(java.nio.FloatBuffer.wrap(values));
    }

    /** The same, read from a buffer between its position and limit (an ONNX Runtime output). */
    TensorRange with(java.nio.FloatBuffer values) {
        double lo = min;
        double hi = max;
        long bad = nonFinite;
        for (int i = values.position(); i < values.limit(); i++) {
            float v = values.get(i);
            if (!Float.isFinite(v)) {
                bad++;
            } else {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return new TensorRange(name, opType, lo, hi, bad);
    }
}
