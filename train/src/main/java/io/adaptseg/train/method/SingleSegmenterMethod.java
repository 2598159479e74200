package io.adaptseg.train.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.optim.ParameterOptimizer;
import io.adaptseg.train.optim.Sgd;
import java.util.Map;

/**
 * The shared part of the methods that train one network with SGD and no discriminator (source-only,
 * MaxSquare, CAG): the segmenter, its optimizer, the parameter store and the memory scope they live
 * in, and the accessors the training loop and checkpoints read.
 */
abstract class SingleSegmenterMethod implements AdaptationMethod {
    protected final Segmenter segmenter;
    protected final NDManager manager;
    protected final ParameterStore store;
    protected final Sgd optimizer;

    protected SingleSegmenterMethod(Segmenter segmenter, SegmenterOptimization sgd, NDManager parent) {
        this.segmenter = segmenter;
        this.manager = parent.newSubManager();
        this.store = new ParameterStore(manager, false);
        this.optimizer = sgd.sgd(segmenter, manager);
    }

    @Override
    public NDArray evaluationLogits(NDArray images) {
        return segmenter.evaluationLogits(segmenter.forward(store, images, false));
    }

    @Override
    public Segmenter segmenter() {
        return segmenter;
    }

    @Override
    public Map<String, Block> networks() {
        return Map.of("G", segmenter.block());
    }

    @Override
    public Map<String, ParameterOptimizer> optimizers() {
        return Map.of("G", optimizer);
    }

    @Override
    public void close() {
        optimizer.close();
        manager.close();
    }
}
