package io.adaptseg.core.scoring;

import io.adaptseg.core.metrics.ConfusionMatrix;
import io.adaptseg.core.metrics.SegmentationMetrics;
import io.adaptseg.core.report.ScoreReport;

/**
 * What a scoring run produced: the merged matrix, the protocol's metrics and where the time went.
 *
 * @param decodeNanos summed over workers: time spent reading and decoding PNGs
 * @param countNanos summed over workers: time spent mapping ids and counting the matrix
 * @param wallNanos elapsed time of the scoring pass (header checks excluded)
 */
public record ScoreResult(Protocol protocol, int images, ConfusionMatrix matrix, long decodeNanos,
        long countNanos, long wallNanos) {

    /** The metrics over the protocol's reported classes. */
    public SegmentationMetrics metrics() {
        return SegmentationMetrics.of(matrix, protocol.reportedClasses());
    }

    /** The report of this run: the protocol's classes, metrics and means. */
    public ScoreReport report() {
        return ScoreReport.of(protocol.id(), protocol.reportedNames(), protocol.reportedTrainIds(), matrix,
                protocol.reportedClasses(), protocol.extraMeans(), images);
    }
}
