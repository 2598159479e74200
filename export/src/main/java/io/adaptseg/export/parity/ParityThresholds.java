package io.adaptseg.export.parity;

/**
 * Pass criteria of a parity run.
 *
 * @param minAgreement minimum fraction of pixels whose labels agree (0.9999 = 99.99 %)
 * @param maxMiouDelta maximum |ΔmIoU| in mIoU points (percent) on a dataset
 * @param judgeRandom whether random inputs are held to {@code minAgreement}; when not, only real images
 *     (the calibration folder, a dataset) are
 */
public record ParityThresholds(double minAgreement, double maxMiouDelta, boolean judgeRandom) {
    /** float32 models: 99.99 % agreement, 0.01 mIoU points. */
    public static final ParityThresholds FLOAT32 = new ParityThresholds(0.9999, 0.01, true);
    /** float16 models: 99.5 % agreement, 0.1 mIoU points. */
    public static final ParityThresholds FLOAT16 = new ParityThresholds(0.995, 0.1, true);
    /**
     * int8 models: 97 % agreement, 1 mIoU point (docs/int8.md, "Parity thresholds", gives the
     * measurements behind them). No bound on |dlogit|: int8 steps move logits by whole quantisation
     * steps, and what matters downstream is the label each pixel gets. Judged on real images only:
     * per-pixel noise drives activations far outside the ranges calibrated on images and clips them.
     */
    public static final ParityThresholds INT8 = new ParityThresholds(0.97, 1.0, false);

    public ParityThresholds {
        if (!(minAgreement >= 0 && minAgreement <= 1) || !(maxMiouDelta >= 0)) {
            throw new IllegalArgumentException("thresholds must be agreement in [0, 1] and ΔmIoU >= 0, found "
                    + minAgreement + " and " + maxMiouDelta);
        }
    }

    /** Thresholds that apply to random inputs too. */
    public ParityThresholds(double minAgreement, double maxMiouDelta) {
        this(minAgreement, maxMiouDelta, true);
    }

    /** The default for a model's precision. */
    public static ParityThresholds forPrecision(Precision precision) {
        return precision.thresholds();
    }
}
