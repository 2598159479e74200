package io.adaptseg.train.method;

import ai.djl.ndarray.NDArray;
import io.adaptseg.train.model.Segmenter;
import java.util.List;

/**
 * A segmentation method: a {@link TrainableMethod} whose networks include a segmenter, so that
 * validation and export can read its evaluation logits. Implementations own their extra networks
 * (discriminators) and all optimisers; the loop reaches them only through {@link #networks} and
 * {@link #optimizers} to save and restore checkpoints.
 */
public interface AdaptationMethod extends TrainableMethod {
    /**
     * The supervised source losses among {@link #lossNames()}: with several source domains in a batch,
     * {@link #step} also reports each of them per domain ({@link SourceDomainLosses}).
     */
    @Override
    List<String> sourceLossNames();

    /**
     * Logits (N, C, h, w) at the network's stride that evaluation and export use, from the segmenter in
     * inference mode: {@link Segmenter#evaluationLogits} ({@code main}, or CLAN's {@code c1 + c2}).
     */
    NDArray evaluationLogits(NDArray images);

    /**
     * Scores (N, C, height, width) whose argmax over axis 1 is the prediction at the label size, given
     * {@code logits} = {@link #evaluationLogits}({@code images}): those logits upsampled in the model's
     * convention. A method whose reference evaluates otherwise overrides it (MaxSquare's softmax flip
     * average).
     */
    default NDArray evaluationScores(NDArray images, NDArray logits, int height, int width) {
        return segmenter().upsample(logits, height, width);
    }

    /** The segmenter being trained. */
    Segmenter segmenter();
}
