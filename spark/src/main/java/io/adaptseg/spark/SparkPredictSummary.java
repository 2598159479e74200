package io.adaptseg.spark;

import io.adaptseg.core.report.ScoreReport;
import io.adaptseg.runtime.pipeline.PipelineReport;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;

/**
 * The outcome of a Spark prediction run.
 *
 * @param inputs images found
 * @param written images predicted and written by successful task attempts
 * @param resumed images skipped because their outputs were complete before the job ({@code --resume})
 * @param recovered images finished by a failed task attempt, kept and not written again by its retry
 * @param failures images that could not be read, run, written or scored, with the reason
 * @param provider the execution providers that ran the model on the executors, comma-separated
 * @param partitions partitions (tasks) of the job
 * @param score the IoU report, when there was ground truth
 * @param retried partitions that ran more than once: their failed attempts (Spark's reason) and the one that succeeded
 * @param writtenTwice images the task journals recorded for two attempts (empty when retries wrote nothing twice)
 */
public record SparkPredictSummary(int inputs, int written, int resumed, int recovered,
        List<PipelineReport.Failure> failures, String provider, int partitions, Optional<ScoreReport> score, Map<Integer, String> retried,
        List<String> writtenTwice) {
    public SparkPredictSummary {
        failures = List.copyOf(failures);
        retried = Collections.unmodifiableMap(new TreeMap<>(retried));
        writtenTwice = List.copyOf(writtenTwice);
    }

    /** True when every input has its outputs. */
    public boolean complete() {
        return failures.isEmpty();
    }
}
