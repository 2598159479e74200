package io.adaptseg.core.metrics;

/**
 * A label value that is not valid where it was found: thrown by {@link ConfusionMatrix} with the
 * pixel, so that callers that read files can name the file and the position.
 */
public final class InvalidLabelException extends IllegalArgumentException {
    private final boolean inGroundTruth;
    private final int pixel;
    private final int value;

    public InvalidLabelException(boolean inGroundTruth, int pixel, int value) {
        super((inGroundTruth ? "gt" : "pred") + " value " + value + " at index " + pixel + " is not a valid label");
        this.inGroundTruth = inGroundTruth;
        this.pixel = pixel;
        this.value = value;
    }

    /** Whether the value is in the ground truth (else in the prediction). */
    public boolean inGroundTruth() {
        return inGroundTruth;
    }

    /** Flat index of the pixel (y * width + x). */
    public int pixel() {
        return pixel;
    }

    /** The invalid value. */
    public int value() {
        return value;
    }
}
