package io.adaptseg.train.method;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.adaptseg.train.data.Batch;
import io.adaptseg.train.model.Segmenter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/** Supervised training on the source only: CE(main) + lambda_seg * CE(aux) for two-head networks. */
public final class SourceOnly extends SingleSegmenterMethod {
    private final SourceSegmentation segmentation;

    /** @param segmenter an initialised segmenter */
    public SourceOnly(Segmenter segmenter, double lambdaSeg, SegmenterOptimization sgd, NDManager parent) {
        super("source-only", false, segmenter, sgd, parent);
        this.segmentation = new SourceSegmentation(segmenter, lambdaSeg);
    }

    @Override
    protected List<String> methodLossNames() {
        return segmentation.lossNames();
    }

    @Override
    public List<String> sourceLossNames() {
        return segmentation.lossNames();
    }

    @Override
    protected SequencedMap<String, Double> adapt(Iteration iteration, Batch source, Batch target) {
        SequencedMap<String, Double> out = new LinkedHashMap<>();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            optimizer.zeroGradients();
            sourceStep(source, target, segmentation, out);
            optimizer.step(iteration.lrSegmenter());
        }
        return out;
    }
}
