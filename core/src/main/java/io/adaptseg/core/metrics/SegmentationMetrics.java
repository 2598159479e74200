package io.adaptseg.core.metrics;

import java.util.Arrays;

/**
 * The metrics of docs/methods.md "Scoring" over a chosen subset of a matrix's classes (all of them for
 * the usual 19-class report, 13 of 19 for the CLAN-style SYNTHIA protocol). Values are fractions
 * (0..1), not percent.
 *
 * @param classes matrix class indices the metrics cover, in report order
 * @param iou IoU per covered class, NaN for a class absent from ground truth and prediction
 * @param classAccuracy TP / ground-truth pixels per covered class, NaN for a class absent from the ground truth
 * @param meanIou nan-mean of {@code iou} (NaN when every entry is NaN)
 * @param frequencyWeightedIou Σ freq_c · IoU_c over covered classes with freq_c > 0, freq from
 *     ground-truth pixel counts normalised over the covered classes
 * @param pixelAccuracy Σ TP / Σ ground-truth pixels over the covered classes
 * @param meanClassAccuracy nan-mean of {@code classAccuracy}
 */
public record SegmentationMetrics(int[] classes, double[] iou, double[] classAccuracy, double meanIou,
        double frequencyWeightedIou, double pixelAccuracy, double meanClassAccuracy) {

    /** Metrics over every class of the matrix. */
    public static SegmentationMetrics of(ConfusionMatrix m) {
        int[] all = new int[m.numClasses()];
        Arrays.setAll(all, i -> i);
        return of(m, all);
    }

    /** Metrics over the given class indices of the matrix (rows and columns use the full matrix). */
    public static SegmentationMetrics of(ConfusionMatrix m, int[] classes) {
        int n = classes.length;
        double[] iou = new double[n];
        double[] accuracy = new double[n];
        long[] gt = new long[n];
        long tpSum = 0;
        long gtSum = 0;
        for (int i = 0; i < n; i++) {
            int c = classes[i];
            long tp = m.count(c, c);
            gt[i] = m.gtTotal(c);
            iou[i] = m.iou(c);
            accuracy[i] = gt[i] == 0 ? Double.NaN : (double) tp / gt[i];
            tpSum += tp;
            gtSum += gt[i];
        }
        double fw = 0;
        for (int i = 0; i < n; i++) {
            if (gt[i] > 0) {
                fw += (double) gt[i] / gtSum * iou[i];
            }
        }
        return new SegmentationMetrics(classes.clone(), iou, accuracy, nanMean(iou),
                gtSum == 0 ? Double.NaN : fw, gtSum == 0 ? Double.NaN : (double) tpSum / gtSum,
                nanMean(accuracy));
    }

    /** Mean of the non-NaN values; NaN when there are none (numpy's nanmean without the warning). */
    public static double nanMean(double[] values) {
        double sum = 0;
        int count = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** nan-mean of the IoU of the covered classes at the given positions of {@link #classes()}. */
    public double meanIouOf(int[] positions) {
        double[] picked = new double[positions.length];
        for (int i = 0; i < positions.length; i++) {
            picked[i] = iou[positions[i]];
        }
        return nanMean(picked);
    }
}
