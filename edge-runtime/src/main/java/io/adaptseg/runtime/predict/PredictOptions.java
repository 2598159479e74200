package io.adaptseg.runtime.predict;

import java.util.Optional;

/**
 * How to predict: images per model run, horizontal-flip averaging of logits, and either whole-image
 * inference at the training size (empty sliding) or sliding windows.
 */
public record PredictOptions(int batchSize, boolean flip, Optional<SlidingWindow> sliding) {
    public PredictOptions {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, found " + batchSize);
        }
    }

    /** Whole images at the training size, no flip. */
    public static PredictOptions whole(int batchSize) {
        return new PredictOptions(batchSize, false, Optional.empty());
    }
}
