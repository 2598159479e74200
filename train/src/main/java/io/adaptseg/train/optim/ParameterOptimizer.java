package io.adaptseg.train.optim;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * An optimiser over parameter groups whose state (moments, step count) can be saved with a
 * checkpoint and restored, so that a resumed run continues exactly.
 */
public interface ParameterOptimizer extends AutoCloseable {
    /** Applies one update at base learning rate {@code lr} (each group scales it), then zeroes the gradients. */
    void step(double lr);

    /** Zeroes the gradients of every parameter this optimiser updates. */
    void zeroGradients();

    /** Number of {@link #step} calls so far. */
    long steps();

    /** The state as named arrays (copies, attached to {@code manager}), for a checkpoint. */
    NDList saveState(NDManager manager);

    /** Restores what {@link #saveState} produced; names must match this optimiser's parameters. */
    void loadState(NDList state);

    @Override
    void close();
}
