package io.adaptseg.runtime.pipeline;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.runtime.predict.Prediction;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where predictions go (PNG writers, scoring). Called from several writer threads at once, so
 * implementations must be thread-safe; an exception fails only that file.
 */
@FunctionalInterface
public interface PredictionSink {
    void accept(Path source, RgbImage image, Prediction prediction) throws IOException, AdaptsegException;
}
