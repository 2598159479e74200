package io.adaptseg.export.calibration;

import java.util.Locale;

/**
 * How an activation's quantisation range is chosen from what the calibration images produced
 * (docs/int8.md, "Calibration methods").
 */
public enum CalibrationMethod {
    /** The smallest and largest value seen: nothing clips, but one outlier stretches every step. */
    MINMAX,
    /**
     * The threshold on |x| whose quantised distribution loses the least information (smallest
     * Kullback-Leibler divergence from the measured one), as TensorRT's calibrator describes it.
     */
    ENTROPY,
    /** The given percentile of |x|: the rarest largest values clip. */
    PERCENTILE;

    /** The name on the command line and in the metadata: minmax, entropy, percentile. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The method named {@code id}.
     *
     * @throws IllegalArgumentException naming the allowed methods
     */
    public static CalibrationMethod byId(String id) {
        for (CalibrationMethod m : values()) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown calibration method '" + id + "', expected minmax, entropy or"
                + " percentile");
    }

    /** True when the method needs a histogram of |x| besides the min and max. */
    public boolean needsHistogram() {
        return this != MINMAX;
    }
}
