package io.adaptseg.train.method;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import io.adaptseg.train.config.FlipAverage;
import io.adaptseg.train.data.Batch;
import io.adaptseg.train.loss.MaxSquare;
import io.adaptseg.train.loss.PixelCrossEntropy;
import io.adaptseg.train.loss.PseudoLabels;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.nd.Scalars;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * MaxSquare (Chen et al. 2019) with its variants, normally started from a source-only model
 * ({@code restore-from}). Per iteration, as the reference {@code solve_gta5.py}:
 * <ol>
 *   <li>source: CE(main) (+ {@code lambdaSeg} CE(aux) with multi), skipped in target-solo;</li>
 *   <li>target: {@code lambdaTarget * MS(softmax main)} or its image-wise weighted form; with multi,
 *       {@code lambdaSeg * lambdaTarget * CE(aux, guidance)} where the guidance is the argmax of the
 *       averaged heads where either head is above the threshold;</li>
 *   <li>one SGD step.</li>
 * </ol>
 * Losses: {@code loss_seg}, {@code loss_seg_2} (aux), {@code loss_target}, {@code loss_target_2}
 * (guidance), each already weighted as the reference logs them; skipped terms are 0.
 */
public final class MaxSquareMethod extends SingleSegmenterMethod {
    static final String MAIN = "main";
    static final String AUX = "aux";

    private final MaxSquareSettings settings;
    private final List<String> lossNames;

    /** @param segmenter an initialised segmenter with a {@code main} head, and an {@code aux} head for multi */
    public MaxSquareMethod(Segmenter segmenter, MaxSquareSettings settings, NDManager parent) {
        if (!segmenter.heads().contains(MAIN) || settings.multi() && !segmenter.heads().contains(AUX)) {
            throw new IllegalArgumentException("MaxSquare" + (settings.multi() ? " multi needs heads main and aux" : " needs a"
                    + " main head") + "; " + segmenter.architecture() + " has " + segmenter.heads());
        }
        super("maxsquare", true, segmenter, settings.sgd(), parent);
        this.settings = settings;
        this.lossNames = settings.multi() ? List.of("loss_seg", "loss_seg_2", "loss_target", "loss_target_2")
                : List.of("loss_seg", "loss_target");
    }

    @Override
    protected List<String> methodLossNames() {
        return lossNames;
    }

    @Override
    public List<String> sourceLossNames() {
        return settings.multi() ? List.of("loss_seg", "loss_seg_2") : List.of("loss_seg");
    }

    @Override
    protected SequencedMap<String, Double> adapt(Iteration iteration, Batch source, Batch target) {
        SequencedMap<String, Double> losses = new LinkedHashMap<>();
        lossNames.forEach(n -> losses.put(n, 0.0));
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            optimizer.zeroGradients();
            if (!settings.targetOnly(iteration.index())) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray labels = source.requireLabels();
                    NDList out = segmenter.forward(store, sourceImages(source, target), true);
                    long h = labels.getShape().get(1);
                    long w = labels.getShape().get(2);
                    NDArray main = head(out, MAIN, h, w);
                    NDArray seg = PixelCrossEntropy.compute(main, labels);
                    NDArray total = seg;
                    losses.put("loss_seg", (double) seg.getFloat());
                    NDArray mainDetached = main.stopGradient();
                    SourceDomainLosses.put(losses, "loss_seg", source, l -> PixelCrossEntropy.compute(mainDetached, l));
                    if (settings.multi()) {
                        NDArray aux = head(out, AUX, h, w);
                        NDArray seg2 = Scalars.times(PixelCrossEntropy.compute(aux, labels), settings.lambdaSeg());
                        total = total.add(seg2);
                        losses.put("loss_seg_2", (double) seg2.getFloat());
                        NDArray auxDetached = aux.stopGradient();
                        SourceDomainLosses.put(losses, "loss_seg_2", source,
                                l -> Scalars.times(PixelCrossEntropy.compute(auxDetached, l), settings.lambdaSeg()));
                    }
                    gc.backward(total);
                }
            }
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                long[] size = target.size();
                NDList out = segmenter.forward(store, target.images(), true);
                NDArray pMain = head(out, MAIN, size[0], size[1]).softmax(1);
                NDArray targetLoss = Scalars.times(settings.imageWise() ? MaxSquare.imageWise(pMain, settings.alpha())
                        : MaxSquare.plain(pMain), settings.lambdaTarget());
                NDArray total = targetLoss;
                losses.put("loss_target", (double) targetLoss.getFloat());
                if (settings.multi()) {
                    NDArray aux = head(out, AUX, size[0], size[1]);
                    NDArray guidance = PseudoLabels.multiLevel(pMain, aux.softmax(1), settings.threshold());
                    NDArray guided = Scalars.times(PixelCrossEntropy.compute(aux, guidance),
                            settings.lambdaSeg() * settings.lambdaTarget());
                    total = total.add(guided);
                    losses.put("loss_target_2", (double) guided.getFloat());
                }
                gc.backward(total);
            }
            optimizer.step(iteration.lrSegmenter());
        }
        return losses;
    }

    private NDArray head(NDList out, String head, long height, long width) {
        // MaxSquare graphs/models/deeplab_multi.py:124,128: F.interpolate(..., align_corners=True)
        return segmenter.upsample(segmenter.logits(out, head), height, width);
    }

    /**
     * The main head's logits; with flip evaluation averaging logits, averaged with those of the mirrored
     * image (averaging softmax happens after upsampling, in {@link #evaluationScores}).
     */
    @Override
    public NDArray evaluationLogits(NDArray images) {
        NDArray logits = segmenter.evaluationLogits(segmenter.forward(store, images, false));
        if (!settings.flipEvaluation() || settings.flipAverage() == FlipAverage.SOFTMAX) {
            return logits;
        }
        NDArray mirrored = segmenter.evaluationLogits(segmenter.forward(store, images.flip(3), false));
        return Scalars.over(logits.add(mirrored.flip(3)), 2);
    }

    /**
     * With flip evaluation averaging softmax, MaxSquare's {@code tools/evaluate.py:124-138}: the softmax
     * of the image's upsampled logits and the mirrored softmax of its mirror image's, averaged.
     */
    @Override
    public NDArray evaluationScores(NDArray images, NDArray logits, int height, int width) {
        if (!settings.flipEvaluation() || settings.flipAverage() == FlipAverage.LOGITS) {
            return super.evaluationScores(images, logits, height, width);
        }
        NDArray mirrored = segmenter.evaluationLogits(segmenter.forward(store, images.flip(3), false));
        NDArray p = segmenter.upsample(logits, height, width).softmax(1);
        NDArray q = segmenter.upsample(mirrored, height, width).softmax(1).flip(3);
        return Scalars.over(p.add(q), 2);
    }
}
