package io.adaptseg.export.int8;

import io.adaptseg.export.calibration.CalibrationImages;
import io.adaptseg.export.calibration.CalibrationMethod;

/**
 * How to quantise a model to int8.
 *
 * @param images the calibration images (run through the model's own preprocessing)
 * @param method how each activation's range is chosen
 * @param percentile the percentile of |x| kept by {@link CalibrationMethod#PERCENTILE} (e.g. 99.99)
 * @param unsignedActivations uint8 asymmetric activations (true) or int8 symmetric (false)
 * @param keepClassifierFloat keep the final classifier convolutions in float32
 */
public record Int8Options(CalibrationImages images, CalibrationMethod method, double percentile,
                          boolean unsignedActivations, boolean keepClassifierFloat) {
    /** The default percentile: one value in ten thousand may clip. */
    public static final double DEFAULT_PERCENTILE = 99.99;

    public Int8Options {
        if (images == null || images.files().isEmpty()) {
            throw new IllegalArgumentException("int8 quantisation needs at least one calibration image");
        }
        if (method == null) {
            throw new IllegalArgumentException("calibration method must be given");
        }
        if (!(percentile > 50 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (50, 100], found " + percentile);
        }
    }

    /** The activation type's name: uint8 or int8. */
    public String activations() {
        return unsignedActivations ? "uint8" : "int8";
    }
}
