package io.adaptseg.export.calibration;

/**
 * The range an activation is quantised over, chosen by a {@link CalibrationMethod}: always containing 0
 * (so that zero, the padding value, is exact), never wider than what was seen.
 *
 * @param name the tensor
 * @param lo the lower end, at most 0
 * @param hi the upper end, at least 0
 */
public record ActivationRange(String name, double lo, double hi) {
    public ActivationRange {
        if (!(lo <= 0 && hi >= 0)) {
            throw new IllegalArgumentException("range of " + name + " must contain 0, found [" + lo + ", " + hi + "]");
        }
    }

    /**
     * The range of one tensor.
     *
     * @param seen the min and max over the calibration images
     * @param histogram its |x| histogram; only read by entropy and percentile
     * @param percentile the percentile for {@link CalibrationMethod#PERCENTILE}
     * @param unsigned true when the tensor is stored as uint8 (a non-negative tensor then has 256 levels
     *     for its magnitudes, a signed one 128)
     */
    public static ActivationRange choose(TensorRange seen, AbsHistogram histogram, CalibrationMethod method,
                                         double percentile, boolean unsigned) {
        if (seen.nonFinite() > 0) {
            throw new IllegalArgumentException("tensor " + seen.name() + " took " + seen.nonFinite()
                    + " NaN or infinite values on the calibration images: it has no range to quantise");
        }
        double lo = seen.max() < seen.min() ? 0 : Math.min(seen.min(), 0);
        double hi = seen.max() < seen.min() ? 0 : Math.max(seen.max(), 0);
        if (method == CalibrationMethod.MINMAX || hi - lo == 0) {
            return new ActivationRange(seen.name(), lo, hi);
        }
        double t = method == CalibrationMethod.ENTROPY
                ? Thresholds.entropy(histogram, unsigned && lo == 0 ? 256 : 128)
                : Thresholds.percentile(histogram, percentile);
        return new ActivationRange(seen.name(), Math.max(lo, -t), Math.min(hi, t));
    }
}
