package io.adaptseg.train.method;

import ai.djl.ndarray.NDArray;
import io.adaptseg.train.model.Segmenter;

/**
 * A segmentation method: a {@link TrainableMethod} whose networks include a segmenter, so that
 * validation and export can read its evaluation logits. Implementations own their extra networks
 * (discriminators) and all optimisers; the loop reaches them only through {@link #networks} and
 * {@link #optimizers} to save and restore checkpoints.
 */
public interface AdaptationMethod extends TrainableMethod {
    /**
     * Logits (N, C, h, w) at the network's stride that evaluation and export use, from the segmenter in
     * inference mode: {@link Segmenter#evaluationLogits} ({@code main}, or CLAN's {@code c1 + c2}).
     */
    NDArray evaluationLogits(NDArray images);

    /** The segmenter being trained. */
    Segmenter segmenter();
}
