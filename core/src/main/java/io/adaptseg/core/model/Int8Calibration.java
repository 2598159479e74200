package io.adaptseg.core.model;

import java.util.Locale;
import java.util.Set;

/**
 * How an int8 model was quantised, carried in its metadata ({@link MetadataKeys#INT8}) so that the file
 * says what its activation ranges came from: the calibration method, how many images it saw, the
 * percentile (percentile method only), the activation type and how many convolutions run in int8.
 *
 * @param method {@code minmax}, {@code entropy} or {@code percentile}
 * @param images calibration images the ranges were measured on
 * @param percentile the percentile of |x| kept (e.g. 99.99); NaN unless the method is percentile
 * @param activations {@code uint8} (asymmetric) or {@code int8} (symmetric); weights are always int8
 *     per output channel, symmetric
 * @param int8Convs convolutions with int8 weights and quantised input
 * @param floatConvs convolutions kept in float32 (the final classifier)
 */
public record Int8Calibration(String method, int images, double percentile, String activations, int int8Convs,
                              int floatConvs) {
    /** The calibration methods. */
    public static final Set<String> METHODS = Set.of("minmax", "entropy", "percentile");
    /** The activation types. */
    public static final Set<String> ACTIVATIONS = Set.of("uint8", "int8");

    public Int8Calibration {
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("int8 calibration method must be one of minmax, entropy, percentile,"
                    + " found '" + method + "'");
        }
        if (!ACTIVATIONS.contains(activations)) {
            throw new IllegalArgumentException("int8 activations must be uint8 or int8, found '" + activations + "'");
        }
        if (images <= 0 || int8Convs < 0 || floatConvs < 0) {
            throw new IllegalArgumentException("images must be positive and convolution counts >= 0, found " + images
                    + ", " + int8Convs + " and " + floatConvs);
        }
        if (method.equals("percentile") != !Double.isNaN(percentile)
                || (method.equals("percentile") && !(percentile > 50 && percentile <= 100))) {
            throw new IllegalArgumentException("a percentile in (50, 100] goes with the percentile method only, found "
                    + percentile + " with " + method);
        }
    }

    /**
     * The metadata value, {@code key=value} pairs separated by spaces, e.g.
     * {@code method=percentile percentile=99.99 images=8 activations=uint8 int8_convs=104 float_convs=4}.
     */
    public String toProperty() {
        return "method=" + method + (Double.isNaN(percentile) ? "" : " percentile=" + percentile) + " images=" + images
                + " activations=" + activations + " int8_convs=" + int8Convs + " float_convs=" + floatConvs;
    }

    /**
     * Reads {@link #toProperty()}'s form.
     *
     * @throws IllegalArgumentException naming the part that is missing or malformed
     */
    public static Int8Calibration parse(String value) {
        KeyValuePairs parts = KeyValuePairs.parse(value);
        return new Int8Calibration(parts.need("method"), parts.integer("images"),
                parts.has("percentile") ? parts.number("percentile") : Double.NaN, parts.need("activations"),
                parts.integer("int8_convs"), parts.integer("float_convs"));
    }

    /** One line for people, e.g. "int8: entropy calibration on 8 images, uint8 activations, 104 int8 / 4 float convs". */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "int8: %s calibration%s on %d images, %s activations, int8 weights per"
                        + " channel; %d convolutions in int8, %d in float32", method,
                Double.isNaN(percentile) ? "" : " (" + percentile + "th percentile of |x|)", images, activations,
                int8Convs, floatConvs);
    }
}
