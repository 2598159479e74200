package io.adaptseg.train.loop;

import io.adaptseg.core.AdaptsegException;

/**
 * A loss became NaN or infinite, or grew by orders of magnitude under {@code on-divergence: stop}: the
 * run stops and the last good checkpoint stays as it was.
 */
public final class TrainingDivergedException extends AdaptsegException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
