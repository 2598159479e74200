package io.adaptseg.train.method;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import io.adaptseg.train.data.Batch;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.nd.Scalars;
import io.adaptseg.train.optim.Adam;
import io.adaptseg.train.optim.ParameterOptimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * AdaptSegNet (Tsai et al. 2018): output-space adversarial adaptation with one discriminator per
 * segmenter head (single-level for one head, multi-level for aux + main). Per iteration, as the
 * reference {@code train_gta2cityscapes_multi.py}:
 * <ol>
 *   <li>G step with the discriminators frozen: CE on the source, then
 *       {@code sum_l lambda_adv_l * gan(D_l(softmax(P_l^t)), source label)} on the target;</li>
 *   <li>D step with the predictions detached: {@code gan(D(softmax P^s), 0)/2 + gan(D(softmax P^t), 1)/2};</li>
 *   <li>SGD step of G, Adam steps of every D.</li>
 * </ol>
 * Freezing D in the G step and detaching in the D step keep each network's gradient to its own
 * losses (otherwise DJL leaves the adversarial gradient on D for its next update; docs/stack.md).
 */
public final class AdvNet extends SingleSegmenterMethod {
    private final AdvNetSettings settings;
    private final SourceSegmentation segmentation;
    private final List<Block> discriminators = new ArrayList<>();
    private final List<Adam> discriminatorOptimizers = new ArrayList<>();
    private final List<String> lossNames;

    /**
     * @param segmenter an initialised segmenter
     * @param parent the manager under which the discriminators and optimiser state live
     */
    public AdvNet(Segmenter segmenter, AdvNetSettings settings, NDManager parent) {
        super("advnet", true, segmenter, settings.sgd(), parent);
        this.settings = settings;
        this.segmentation = new SourceSegmentation(segmenter, settings.lambdaSeg());
        List<String> names = new ArrayList<>(segmentation.lossNames());
        for (int i = 0; i < segmenter.heads().size(); i++) {
            Block d = newDiscriminator(settings.discriminatorWidth());
            discriminators.add(d);
            discriminatorOptimizers.add(discriminatorOptimizer(d, settings.beta1(), settings.beta2()));
            names.add("loss_adv" + SourceSegmentation.level(segmenter, i));
        }
        for (int i = 0; i < segmenter.heads().size(); i++) {
            names.add("loss_D" + SourceSegmentation.level(segmenter, i));
        }
        this.lossNames = List.copyOf(names);
    }

    @Override
    protected List<String> methodLossNames() {
        return lossNames;
    }

    @Override
    public List<String> sourceLossNames() {
        return segmentation.lossNames();
    }

    /** Weight of the adversarial loss at head {@code i}: the main head takes lambda_adv2. */
    private double adversarialWeight(int i) {
        return segmenter.evaluationHeads().contains(segmenter.heads().get(i)) ? settings.lambdaAdv2() : settings.lambdaAdv1();
    }

    @Override
    protected SequencedMap<String, Double> adapt(Iteration iteration, Batch source, Batch target) {
        SequencedMap<String, Double> losses = new LinkedHashMap<>();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            zeroGradients();
            Predictions p = generatorStep(source, target, losses);
            discriminatorStep(p, losses);
            optimizer.step(iteration.lrSegmenter());
            for (Adam adam : discriminatorOptimizers) {
                adam.step(iteration.lrDiscriminator());
            }
        }
        return losses;
    }

    void zeroGradients() {
        optimizer.zeroGradients();
        discriminatorOptimizers.forEach(Adam::zeroGradients);
    }

    /** Upsampled source and target predictions of every head, kept for the D step. */
    record Predictions(NDList source, NDList target) {
    }

    /** Backward of the segmentation and adversarial losses into G; D frozen, so none reaches it. */
    Predictions generatorStep(Batch source, Batch target, SequencedMap<String, Double> losses) {
        discriminators.forEach(d -> d.freezeParameters(true));
        try {
            NDList predSource = sourceStep(source, target, segmentation, losses);
            NDList predTarget;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                predTarget = SourceSegmentation.upsampledHeads(segmenter, segmenter.forward(store, target.images(), true),
                        target.size());
                NDArray total = null;
                for (int i = 0; i < discriminators.size(); i++) {
                    NDArray dOut = discriminate(i, predTarget.get(i));
                    NDArray adv = settings.gan().against(dOut, AdvNetSettings.SOURCE_LABEL);
                    losses.put("loss_adv" + SourceSegmentation.level(segmenter, i), (double) adv.getFloat());
                    double w = adversarialWeight(i);
                    if (w != 0) {
                        total = total == null ? Scalars.times(adv, w) : total.add(Scalars.times(adv, w));
                    }
                }
                if (total != null) {
                    gc.backward(total);
                }
            }
            return new Predictions(predSource, predTarget);
        } finally {
            discriminators.forEach(d -> d.freezeParameters(false));
        }
    }

    /** Backward of each discriminator's loss on detached predictions: nothing reaches G. */
    void discriminatorStep(Predictions p, SequencedMap<String, Double> losses) {
        for (int i = 0; i < discriminators.size(); i++) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray onSource = Scalars.over(settings.gan().against(discriminate(i, p.source().get(i).stopGradient()),
                        AdvNetSettings.SOURCE_LABEL), 2);
                gc.backward(onSource);
                NDArray onTarget = Scalars.over(settings.gan().against(discriminate(i, p.target().get(i).stopGradient()),
                        AdvNetSettings.TARGET_LABEL), 2);
                gc.backward(onTarget);
                losses.put("loss_D" + SourceSegmentation.level(segmenter, i),
                        (double) onSource.getFloat() + onTarget.getFloat());
            }
        }
    }

    private NDArray discriminate(int level, NDArray logits) {
        return discriminators.get(level).forward(store, new NDList(logits.softmax(1)), true).singletonOrThrow();
    }

    /** The discriminators, level by level (package-private for the gradient-isolation test). */
    List<Block> discriminators() {
        return discriminators;
    }

    @Override
    protected Map<String, Block> ownNetworks() {
        Map<String, Block> m = new LinkedHashMap<>();
        m.put("G", segmenter.block());
        for (int i = 0; i < discriminators.size(); i++) {
            m.put("D" + (discriminators.size() == 1 ? 2 : i + 1), discriminators.get(i));
        }
        return m;
    }

    @Override
    protected Map<String, ParameterOptimizer> ownOptimizers() {
        Map<String, ParameterOptimizer> m = new LinkedHashMap<>();
        m.put("G", optimizer);
        for (int i = 0; i < discriminatorOptimizers.size(); i++) {
            m.put("D" + (discriminatorOptimizers.size() == 1 ? 2 : i + 1), discriminatorOptimizers.get(i));
        }
        return m;
    }

    @Override
    public void close() {
        discriminatorOptimizers.forEach(Adam::close);
        super.close();
    }
}
