package io.adaptseg.spark;

import io.adaptseg.infer.PredictInput;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One input as it travels to an executor: {@link PredictInput} as strings (paths and
 * {@code Optional} are not serializable), and whether to predict it or only score its existing
 * outputs (an input that {@code --resume} found complete).
 *
 * @param groundTruth the ground-truth file, or null when there is none
 */
record TaskInput(String image, String relativeDir, String groundTruth, boolean predict) implements Serializable {
    static TaskInput of(PredictInput input, boolean predict) {
        return new TaskInput(input.image().toString(), input.relativeDir().toString(),
                input.groundTruth().map(Path::toString).orElse(null), predict);
    }

    PredictInput toPredictInput() {
        return new PredictInput(Path.of(image), Path.of(relativeDir), Optional.ofNullable(groundTruth).map(Path::of));
    }
}
