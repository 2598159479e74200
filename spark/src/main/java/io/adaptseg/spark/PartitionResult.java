package io.adaptseg.spark;

import io.adaptseg.core.metrics.ConfusionMatrix;
import java.io.Serializable;
import java.util.List;

/**
 * What one successful task sends back to the driver (small: counts, failures, one matrix).
 *
 * @param written images predicted and written by this attempt
 * @param recovered images an earlier failed attempt of the task had finished (not written again)
 * @param scoredOnly inputs that were complete before the job (resume) and only scored
 * @param matrix the confusion counts of the partition's scored images, or null without ground truth
 * @param scored images counted into {@code matrix}
 * @param provider the execution provider that ran the model ("" when nothing was predicted)
 * @param problems the fallback messages of the providers requested before it
 */
record PartitionResult(int partition, int attempt, int written, int recovered, int scoredOnly,
        List<FailedFile> failures, ConfusionMatrix matrix, int scored, String provider, List<String> problems,
        long nanos) implements Serializable {
    PartitionResult {
        failures = List.copyOf(failures);
        problems = List.copyOf(problems);
    }

    /** An input that could not be read, run, written or scored, and why. */
    record FailedFile(String file, String message) implements Serializable {
    }
}
