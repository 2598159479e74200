package io.adaptseg.train.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.adaptseg.train.data.Batch;
import io.adaptseg.train.loss.AnchorGuidance;
import io.adaptseg.train.loss.ClassFeatureMeans;
import io.adaptseg.train.model.Segmenter;

/**
 * Computes CAG's category anchors with a fixed model on labelled source batches: per batch, the
 * class centroids of the features over pixels where ground truth and prediction agree (at least
 * {@code minPixels}), folded into {@link CategoryAnchors}' capped running mean (reference {@code cac.py}).
 */
public final class AnchorComputation {
    private final Segmenter segmenter;
    private final CategoryAnchors anchors;
    private final int minPixels;
    private final ParameterStore store;

    public AnchorComputation(Segmenter segmenter, int minPixels, int cap, NDManager manager) {
        if (!segmenter.outputs().contains(Segmenter.FEATURES)) {
            throw new IllegalArgumentException("anchors need a network with a features output (deeplabv3plus-*), found "
                    + segmenter.architecture());
        }
        this.segmenter = segmenter;
        this.minPixels = minPixels;
        this.store = new ParameterStore(manager, false);
        int dim = (int) segmenter.outputShapes(new ai.djl.ndarray.types.Shape(1, 3, 64, 64)).get(Segmenter.FEATURES).get(1);
        this.anchors = new CategoryAnchors(segmenter.numClasses(), dim, cap);
    }

    /** Adds one labelled batch; returns how many centroids it contributed. */
    public int add(Batch batch) {
        NDList out = segmenter.forward(store, batch.images(), false);
        NDArray logits = segmenter.evaluationLogits(out);
        NDArray features = segmenter.features(out).orElseThrow();
        NDArray labels = LabelMaps.nearest(batch.requireLabels(), features.getShape().get(2), features.getShape().get(3));
        ClassFeatureMeans centroids = ClassFeatureMeans.compute(features, labels, AnchorGuidance.argmax(logits),
                segmenter.numClasses(), minPixels);
        anchors.update(centroids);
        return centroids.size();
    }

    public CategoryAnchors anchors() {
        return anchors;
    }
}
