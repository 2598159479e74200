package io.adaptseg.core.model;

import java.util.Locale;

/**
 * What the export's float16 range check measured on the float32 model, carried in the model's
 * metadata ({@link MetadataKeys#FP16_RANGE}) so that whoever deploys the file on a float16 device can
 * see whether an activation overflows float16 (largest finite value {@value #FLOAT16_MAX}) without
 * running the check again.
 *
 * @param images calibration images the model ran on
 * @param tensors float tensors measured (every intermediate value and the logits)
 * @param largestAbs the largest |activation| seen, over every tensor and image
 * @param largestTensor the tensor holding it
 * @param above tensors whose largest |activation| exceeds {@value #FLOAT16_MAX} (overflow to inf in float16)
 * @param near tensors within 2x of it (at least half of {@value #FLOAT16_MAX}), not above it
 */
public record Float16Range(int images, int tensors, double largestAbs, String largestTensor, int above, int near) {
    /** The largest finite float16 value. */
    public static final double FLOAT16_MAX = 65504;

    public Float16Range {
        if (images <= 0 || tensors <= 0) {
            throw new IllegalArgumentException("images and tensors must be positive, found " + images + " and "
                    + tensors);
        }
        if (above < 0 || near < 0 || above + near > tensors) {
            throw new IllegalArgumentException("tensors above and near float16's limit must be in 0.." + tensors
                    + ", found " + above + " and " + near);
        }
        if (!(largestAbs >= 0)) {
            throw new IllegalArgumentException("largest |activation| must be >= 0, found " + largestAbs);
        }
        if (largestTensor == null || largestTensor.isBlank() || largestTensor.contains(" ")) {
            throw new IllegalArgumentException("largest tensor must be a name without spaces, found '"
                    + largestTensor + "'");
        }
    }

    /** True when no activation exceeds float16's range (tensors near it still deserve a look). */
    public boolean fits() {
        return above == 0;
    }

    /**
     * The metadata value, {@code key=value} pairs separated by spaces, e.g.
     * {@code images=8 tensors=57 max_abs=1234.5 at=conv1_out above=0 within_2x=0}.
     */
    public String toProperty() {
        return "images=" + images + " tensors=" + tensors + " max_abs=" + largestAbs + " at=" + largestTensor
                + " above=" + above + " within_2x=" + near;
    }

    /**
     * Reads {@link #toProperty()}'s form.
     *
     * @throws IllegalArgumentException naming the part that is missing or malformed
     */
    public static Float16Range parse(String value) {
        KeyValuePairs parts = KeyValuePairs.parse(value);
        return new Float16Range(parts.integer("images"), parts.integer("tensors"), parts.number("max_abs"),
                parts.need("at"), parts.integer("above"), parts.integer("within_2x"));
    }

    /** One line for people, e.g. "float16 range: 8 images, 57 tensors, largest |x| 1.23e+03 (conv1_out); fits". */
    @Override
    public String toString() {
        String verdict = above > 0 ? above + " tensor(s) exceed 65504 (overflow in float16), " + near + " within 2x"
                : near > 0 ? "fits, " + near + " tensor(s) within 2x of 65504" : "fits with more than 2x headroom";
        return String.format(Locale.ROOT, "float16 range: %d images, %d tensors, largest |x| %.4g (%s); %s", images,
                tensors, largestAbs, largestTensor, verdict);
    }
}
