package io.adaptseg.export.parity;

/**
 * DJL vs ONNX Runtime on one batch shape: random inputs, or real images at the model's input size.
 *
 * @param agreement fraction of label pixels where both sides agree
 * @param logitsShapeMatch whether both sides' logits have the same shape (if not, the deltas are NaN)
 * @param inputs {@link #RANDOM} or {@link #IMAGES}
 * @param judged whether the thresholds apply to it (an int8 model's random inputs lie outside the
 *     ranges it was calibrated on: they are reported, not judged)
 */
public record SizeResult(int batch, int height, int width, boolean logitsShapeMatch, double maxAbsDelta,
                         double meanAbsDelta, long pixels, double agreement, boolean passed, String inputs,
                         boolean judged) {
    public static final String RANDOM = "random";
    public static final String IMAGES = "images";

    /** A judged comparison on random inputs. */
    public SizeResult(int batch, int height, int width, boolean logitsShapeMatch, double maxAbsDelta,
                      double meanAbsDelta, long pixels, double agreement, boolean passed) {
        this(batch, height, width, logitsShapeMatch, maxAbsDelta, meanAbsDelta, pixels, agreement, passed, RANDOM,
                true);
    }

    /** How the row is labelled, e.g. {@code 1x3x64x96} or {@code 3 images 64x96}. */
    public String label() {
        return inputs.equals(IMAGES) ? batch + " images " + height + "x" + width
                : batch + "x3x" + height + "x" + width;
    }
}
