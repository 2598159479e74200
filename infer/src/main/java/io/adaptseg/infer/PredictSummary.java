package io.adaptseg.infer;

import io.adaptseg.core.report.ScoreReport;
import io.adaptseg.runtime.pipeline.PipelineReport;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a prediction run.
 *
 * @param inputs images found
 * @param written images predicted and written in this run
 * @param resumed images skipped because their outputs were complete
 * @param failures images that could not be read, run or written, with the reason
 * @param seconds wall time of the prediction pass
 * @param provider the execution provider that ran the model
 * @param score the IoU report of the outputs, when there was ground truth
 */
public record PredictSummary(int inputs, int written, int resumed, List<PipelineReport.Failure> failures,
        double seconds, String provider, Optional<ScoreReport> score) {
    public PredictSummary {
        failures = List.copyOf(failures);
    }

    /** True when every input has its outputs. */
    public boolean complete() {
        return failures.isEmpty();
    }
}
