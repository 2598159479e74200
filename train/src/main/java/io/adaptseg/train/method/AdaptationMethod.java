package io.adaptseg.train.method;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import io.adaptseg.train.data.Batch;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.optim.ParameterOptimizer;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * The maths of one training iteration: forward, losses, backward and the optimiser steps of every
 * network the method trains. Implementations own their extra networks (discriminators) and all
 * optimisers; the loop reaches them only through {@link #networks} and {@link #optimizers} to save
 * and restore checkpoints.
 */
public interface AdaptationMethod extends AutoCloseable {
    /** The config name, e.g. "source-only", "advnet". */
    String name();

    /** Whether {@link #step} uses the target batch (the loop loads target images only then). */
    boolean usesTarget();

    /** Names of the losses {@link #step} reports, in log-line order. */
    List<String> lossNames();

    /**
     * The supervised source losses among {@link #lossNames()}: with several source domains in a batch,
     * {@link #step} also reports each of them per domain ({@link SourceDomainLosses}).
     */
    List<String> sourceLossNames();

    /**
     * Runs one iteration and updates the networks.
     *
     * @param target the unlabelled target batch, or null when {@link #usesTarget()} is false
     * @return the value of each loss in {@link #lossNames()} order
     */
    SequencedMap<String, Double> step(Iteration iteration, Batch source, Batch target);

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

    /** Every network whose parameters a checkpoint holds, by stable name ("G", "D1", "D2"). */
    Map<String, Block> networks();

    /** Every optimiser whose state a checkpoint holds, by stable name. */
    Map<String, ParameterOptimizer> optimizers();

    @Override
    void close();
}
