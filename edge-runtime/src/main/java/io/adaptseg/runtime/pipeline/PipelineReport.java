package io.adaptseg.runtime.pipeline;

import java.nio.file.Path;
import java.util.List;

/** The outcome of a pipeline run: files written, files that failed and why, wall time. */
public record PipelineReport(int succeeded, List<Failure> failures, long nanos) {
    public PipelineReport {
        failures = List.copyOf(failures);
    }

    /** One skipped file and its error message. */
    public record Failure(Path file, String message) {
    }

    /** Images per second over the whole run. */
    public double imagesPerSecond() {
        return succeeded / (nanos / 1e9);
    }
}
