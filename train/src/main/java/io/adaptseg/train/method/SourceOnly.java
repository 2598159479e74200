package io.adaptseg.train.method;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.optim.ParameterOptimizer;
import io.adaptseg.train.optim.Sgd;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/** Supervised training on the source only: CE(main) + lambda_seg * CE(aux) for two-head networks. */
public final class SourceOnly implements AdaptationMethod {
    private final Segmenter segmenter;
    private final SourceSegmentation segmentation;
    private final NDManager manager;
    private final ParameterStore store;
    private final Sgd optimizer;

    /** @param segmenter an initialised segmenter */
    public SourceOnly(Segmenter segmenter, double lambdaSeg, SegmenterOptimization sgd, NDManager parent) {
        this.segmenter = segmenter;
        this.segmentation = new SourceSegmentation(segmenter, lambdaSeg);
        this.manager = parent.newSubManager();
        this.store = new ParameterStore(manager, false);
        this.optimizer = sgd.sgd(segmenter, manager);
    }

    @Override
    public String name() {
        return "source-only";
    }

    @Override
    public boolean usesTarget() {
        return false;
    }

    @Override
    public List<String> lossNames() {
        return segmentation.lossNames();
    }

    @Override
    public SequencedMap<String, Double> step(Iteration iteration, Batch source, Batch target) {
        SequencedMap<String, Double> out = new LinkedHashMap<>();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            optimizer.zeroGradients();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray labels = source.requireLabels();
                NDList pred = SourceSegmentation.upsampledHeads(segmenter, segmenter.forward(store, source.images(), true),
                        new long[] {labels.getShape().get(1), labels.getShape().get(2)});
                NDArray[] losses = segmentation.losses(pred, labels);
                gc.backward(segmentation.weightedSum(losses));
                List<String> names = lossNames();
                for (int i = 0; i < losses.length; i++) {
                    out.put(names.get(i), (double) losses[i].getFloat());
                }
            }
            optimizer.step(iteration.lrSegmenter());
        }
        return out;
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
