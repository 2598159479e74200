package io.adaptseg.train.method;

import ai.djl.ndarray.NDManager;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.train.config.TrainConfig;
import io.adaptseg.train.model.Segmenter;

/**
 * Builds one adaptation method from a resolved config. The segmenter is initialised; the method's
 * own networks and optimiser state go under {@code manager}. Read every hyper-parameter the method
 * needs from {@code config} here, so that a bad value fails before training starts.
 */
@FunctionalInterface
public interface MethodFactory {
    AdaptationMethod create(Segmenter segmenter, TrainConfig config, NDManager manager) throws AdaptsegException;
}
