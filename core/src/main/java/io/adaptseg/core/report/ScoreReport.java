package io.adaptseg.core.report;

import io.adaptseg.core.metrics.ConfusionMatrix;
import io.adaptseg.core.metrics.SegmentationMetrics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scores of one evaluation, ready to print or write: per reported class its IoU, accuracy and
 * pixel counts, the means, and the confusion counts among the reported classes.
 *
 * @param protocol protocol name (e.g. "cityscapes19")
 * @param names reported class names, in order
 * @param trainIds Cityscapes trainIds of the reported classes
 * @param metrics metrics over the reported classes (fractions)
 * @param means "mIoU" first, then the protocol's extra means (e.g. "mIoU13"), as fractions
 * @param confusion counts[gt][pred] among the reported classes
 * @param gtPixels ground-truth pixels per reported class (row sums of the full matrix)
 * @param predPixels predicted pixels per reported class (column sums of the full matrix)
 * @param images number of images scored
 */
public record ScoreReport(String protocol, List<String> names, int[] trainIds, SegmentationMetrics metrics,
        Map<String, Double> means, long[][] confusion, long[] gtPixels, long[] predPixels, int images) {

    /**
     * Builds the report of {@code classes} (matrix indices, in report order) of a matrix.
     *
     * @param extraMeans names of further means → positions into {@code classes}
     */
    public static ScoreReport of(String protocol, List<String> names, int[] trainIds, ConfusionMatrix matrix,
            int[] classes, Map<String, int[]> extraMeans, int images) {
        SegmentationMetrics metrics = SegmentationMetrics.of(matrix, classes);
        Map<String, Double> means = new LinkedHashMap<>();
        means.put("mIoU", metrics.meanIou());
        extraMeans.forEach((name, positions) -> means.put(name, metrics.meanIouOf(positions)));
        int n = classes.length;
        long[][] confusion = new long[n][n];
        long[] gt = new long[n];
        long[] pred = new long[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                confusion[i][j] = matrix.count(classes[i], classes[j]);
            }
            gt[i] = matrix.gtTotal(classes[i]);
            pred[i] = matrix.predTotal(classes[i]);
        }
        return new ScoreReport(protocol, List.copyOf(names), trainIds.clone(), metrics,
                Collections.unmodifiableMap(means), confusion, gt, pred, images);
    }

    /**
     * The table the reference scripts print: one {@code ===>name:\tIoU} line per class, then
     * {@code ===> mIoU: }, the extra means, FWIoU, pixel accuracy and mean class accuracy, in percent
     * with two decimals ("nan" for an absent class).
     */
    public String toText() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            b.append("===>").append(names.get(i)).append(":\t").append(percent(metrics.iou()[i])).append('\n');
        }
        means.forEach((name, value) -> b.append("===> ").append(name).append(": ").append(percent(value)).append('\n'));
        b.append("===> FWIoU: ").append(percent(metrics.frequencyWeightedIou())).append('\n');
        b.append("===> PA: ").append(percent(metrics.pixelAccuracy())).append('\n');
        b.append("===> mAcc: ").append(percent(metrics.meanClassAccuracy())).append('\n');
        return b.toString();
    }

    /** A fraction as percent with two decimals, "nan" for NaN. */
    public static String percent(double fraction) {
        return Double.isNaN(fraction) ? "nan" : String.format(Locale.ROOT, "%.2f", 100 * fraction);
    }
}
