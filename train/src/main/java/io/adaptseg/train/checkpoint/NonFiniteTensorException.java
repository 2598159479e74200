package io.adaptseg.train.checkpoint;

import io.adaptseg.core.AdaptsegException;

/**
 * A tensor that was about to be saved, or was read from a checkpoint, holds NaN or infinite values.
 * Such a checkpoint is never written (so "the last good checkpoint" is really good) and never loaded
 * (so export, parity and resume cannot carry diverged weights further).
 */
public final class NonFiniteTensorException extends AdaptsegException {
    private final String tensor;

    public NonFiniteTensorException(String message, String tensor) {
        super(message);
        this.tensor = tensor;
    }

    /** The name of the first non-finite tensor, e.g. {@code G/layer1.0.bn1.running_var}. */
    public String tensor() {
        return tensor;
    }
}
