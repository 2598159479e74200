package io.adaptseg.train.method;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import io.adaptseg.train.data.Batch;
import io.adaptseg.train.loss.AnchorGuidance;
import io.adaptseg.train.loss.ClassFeatureMeans;
import io.adaptseg.train.loss.PixelCrossEntropy;
import io.adaptseg.train.loss.PseudoLabels;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.nd.Scalars;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * CAG (Zhang et al. 2019), category anchor-guided adaptation, on a segmenter with a {@code features}
 * output (DeepLab-v3+). A fixed copy of the previous stage's model (the predictor) labels the target:
 * (a) its argmax where the softmax exceeds the threshold, (b) the nearest category anchor where the
 * second nearest is at least deltaD farther. Per iteration, as the reference {@code step}:
 * {@code CE(source) + [CE(target, a) + CE(target, b)] / 2 + w * (anchor distance of source centroids
 * + of target centroids)}, target terms at the features' resolution, then one SGD step. Source
 * centroids use ground truth AND the current prediction; target centroids use labels (b).
 */
public final class Cag extends SingleSegmenterMethod {
    private static final List<String> LOSSES = List.of("loss_seg", "loss_pseudo", "loss_anchor");

    private final Segmenter predictor;
    private final CategoryAnchors anchors;
    private final CagSettings settings;
    private final NDArray anchorArray;
    private final boolean[] present;

    /**
     * @param segmenter the initialised network being trained (with a {@code features} output)
     * @param predictor an initialised network of the same architecture holding the previous stage's
     *     weights; it is never trained
     * @param anchors the category anchors computed from the predictor on the source
     */
    public Cag(Segmenter segmenter, Segmenter predictor, CategoryAnchors anchors, CagSettings settings, NDManager parent) {
        if (!segmenter.outputs().contains(Segmenter.FEATURES)) {
            throw new IllegalArgumentException("CAG needs a network with a features output (deeplabv3plus-*), found "
                    + segmenter.architecture());
        }
        if (!predictor.architecture().equals(segmenter.architecture())) {
            throw new IllegalArgumentException("the predictor must be a " + segmenter.architecture() + ", found "
                    + predictor.architecture());
        }
        if (anchors.numClasses() != segmenter.numClasses()) {
            throw new IllegalArgumentException("the anchors have " + anchors.numClasses() + " classes, the network "
                    + segmenter.numClasses());
        }
        super("cag", true, segmenter, settings.sgd(), parent);
        this.predictor = predictor;
        this.anchors = anchors;
        this.settings = settings;
        this.anchorArray = anchors.toArray(manager);
        this.present = anchors.present();
        predictor.setTrainable(false);
    }

    @Override
    protected List<String> methodLossNames() {
        return LOSSES;
    }

    @Override
    public List<String> sourceLossNames() {
        return List.of("loss_seg");
    }

    /** The two pseudo-label maps of a target batch at the features' resolution: (a) probability, (b) anchors. */
    record PseudoLabelMaps(NDArray confident, NDArray anchored) {
    }

    PseudoLabelMaps pseudoLabels(NDArray targetImages) {
        NDList out = predictor.forward(store, targetImages, false);
        NDArray logits = predictor.evaluationLogits(out).stopGradient();
        NDArray features = predictor.features(out).orElseThrow().stopGradient();
        if (anchorArray.getShape().get(1) != features.getShape().get(1)) {
            throw new IllegalArgumentException("the anchors are " + anchorArray.getShape().get(1) + "-d, the features "
                    + features.getShape().get(1) + "-d");
        }
        return new PseudoLabelMaps(PseudoLabels.confident(logits.softmax(1), settings.threshold()),
                AnchorGuidance.nearestAnchorLabels(features, anchorArray, present, settings.deltaD()));
    }

    @Override
    protected SequencedMap<String, Double> adapt(Iteration iteration, Batch source, Batch target) {
        SequencedMap<String, Double> losses = new LinkedHashMap<>();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            optimizer.zeroGradients();
            PseudoLabelMaps pseudo = pseudoLabels(target.images());
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray labels = source.requireLabels();
                NDList out = segmenter.forward(store, sourceImages(source, target), true);
                NDArray logits = segmenter.evaluationLogits(out);
                NDArray features = segmenter.features(out).orElseThrow();
                // CAG adaptation_model.py:265: F.interpolate(..., mode='bilinear', align_corners=True)
                NDArray up = segmenter.upsample(logits, labels.getShape().get(1), labels.getShape().get(2));
                NDArray seg = PixelCrossEntropy.compute(up, labels);
                NDArray small = LabelMaps.nearest(labels, features.getShape().get(2), features.getShape().get(3));
                NDArray sourceDistance = AnchorGuidance.distanceLoss(ClassFeatureMeans.compute(features, small,
                        AnchorGuidance.argmax(logits), segmenter.numClasses(), settings.minPixels(), settings.normalisationPooling()),
                        anchorArray, present);

                NDList outT = segmenter.forward(store, target.images(), true);
                NDArray logitsT = segmenter.evaluationLogits(outT);
                NDArray featuresT = segmenter.features(outT).orElseThrow();
                NDArray pseudoLoss = Scalars.over(PixelCrossEntropy.compute(logitsT, pseudo.anchored())
                        .add(PixelCrossEntropy.compute(logitsT, pseudo.confident())), 2);
                NDArray targetDistance = AnchorGuidance.distanceLoss(ClassFeatureMeans.compute(featuresT,
                        pseudo.anchored(), AnchorGuidance.argmax(logitsT), segmenter.numClasses(), settings.minPixels(),
                        settings.normalisationPooling()),
                        anchorArray, present);
                NDArray distance = Scalars.times(sourceDistance.add(targetDistance), settings.distanceWeight());
                gc.backward(seg.add(pseudoLoss).add(distance));
                losses.put("loss_seg", (double) seg.getFloat());
                losses.put("loss_pseudo", (double) pseudoLoss.getFloat());
                losses.put("loss_anchor", (double) distance.getFloat());
                NDArray upDetached = up.stopGradient();
                SourceDomainLosses.put(losses, "loss_seg", source, l -> PixelCrossEntropy.compute(upDetached, l));
            }
            optimizer.step(iteration.lrSegmenter());
        }
        return losses;
    }

    /** The anchors in use. */
    public CategoryAnchors anchors() {
        return anchors;
    }
}
