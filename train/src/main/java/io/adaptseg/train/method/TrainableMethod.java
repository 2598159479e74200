package io.adaptseg.train.method;

import ai.djl.Device;
import ai.djl.nn.Block;
import io.adaptseg.train.data.Batch;
import io.adaptseg.train.optim.ParameterOptimizer;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * What the training loop needs of anything it trains: the maths of one iteration (forward, losses,
 * backward and the optimiser steps) and the networks and optimisers a checkpoint holds. Segmentation
 * methods ({@link AdaptationMethod}) and the AdaIN style translator both run through the same loop,
 * so both get the same log lines, metrics, checkpoints and resume.
 */
public interface TrainableMethod extends AutoCloseable {
    /** The config name, e.g. "source-only", "advnet", "adain". */
    String name();

    /** Whether {@link #step} uses the target batch (the loop loads target images only then). */
    boolean usesTarget();

    /** Names of the losses {@link #step} reports, in log-line order. */
    List<String> lossNames();

    /**
     * Runs one iteration and updates the networks.
     *
     * @param target the target batch, or null when {@link #usesTarget()} is false
     * @return the value of each loss in {@link #lossNames()} order
     */
    SequencedMap<String, Double> step(Iteration iteration, Batch source, Batch target);

    /**
     * The supervised source losses among {@link #lossNames()}, which the loop also logs per source
     * domain when a batch mixes several; none for a method without labelled source data.
     */
    default List<String> sourceLossNames() {
        return List.of();
    }

    /**
     * The device the networks and optimiser state live on (the run's {@code device}); the loop creates
     * its batches there, so that no step copies between the CPU and a GPU.
     */
    Device device();

    /** Every network whose parameters a checkpoint holds, by stable name ("G", "D1", "decoder"). */
    Map<String, Block> networks();

    /** Every optimiser whose state a checkpoint holds, by stable name. */
    Map<String, ParameterOptimizer> optimizers();

    @Override
    void close();
}
