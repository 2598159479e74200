package io.adaptseg.core.model;

import java.util.Locale;

/**
 * What the export's parity check measured between the trained network and the written model, carried
 * in the model's metadata so that the file itself says how far it was proven to agree.
 *
 * @param precision "float32", "float16" or "int8": the thresholds that were applied
 * @param agreement the lowest argmax agreement over the comparisons, as a fraction (0.9999 = 99.99 %)
 * @param maxAbsDlogit the largest |logit difference| over the comparisons
 * @param minAgreement the agreement threshold it passed, as a fraction
 * @param checkedOn what was compared, e.g. "random 1x3x512x1024" or "random 1x3x512x1024 + 30 images"
 */
public record ParityFigures(String precision, double agreement, double maxAbsDlogit, double minAgreement,
                            String checkedOn) {
    public ParityFigures {
        if (!(agreement >= 0 && agreement <= 1) || !(minAgreement >= 0 && minAgreement <= 1)) {
            throw new IllegalArgumentException("agreement and its threshold must be in [0, 1], found " + agreement
                    + " and " + minAgreement);
        }
        if (!(maxAbsDlogit >= 0)) {
            throw new IllegalArgumentException("max |dlogit| must be >= 0, found " + maxAbsDlogit);
        }
    }

    /** One line, e.g. "float16: agreement 99.9712 % (threshold 99.5 %), max |dlogit| 0.0123 on random 1x3x64x96". */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: agreement %.4f %% (threshold %s %%), max |dlogit| %.3g on %s", precision,
                100 * agreement, trim(100 * minAgreement), maxAbsDlogit, checkedOn);
    }

    private static String trim(double percent) {
        return java.math.BigDecimal.valueOf(percent).stripTrailingZeros().toPlainString();
    }
}
