package io.adaptseg.train.method;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.adaptseg.train.data.Batch;
import io.adaptseg.train.loss.ClanWeightMap;
import io.adaptseg.train.loss.FocalCrossEntropy;
import io.adaptseg.train.loss.GanLoss;
import io.adaptseg.train.loss.WeightDiscrepancy;
import io.adaptseg.train.loss.WeightedBce;
import io.adaptseg.train.model.ParameterNames;
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
 * CLAN (Luo et al. 2019), category-level adversaries, on a segmenter with two classifiers on the same
 * features ({@code c1}, {@code c2}; the {@code clan} head layout). Per iteration, as the reference:
 * <ol>
 *   <li>G, D frozen: focal CE of both heads on the source; on the target the weight map
 *       {@code M = 1 - cos(softmax P1, softmax P2)} and
 *       {@code lambdaAdv * damping * [eps * BCE + lambdaLocal * BCE * M](up(D(softmax(P1 + P2))), source)}
 *       (plain BCE until the preheat ends); the weight discrepancy
 *       {@code lambdaWeight * damping * 2 * (cos(W1, W2) + 1)} of the two classifiers;</li>
 *   <li>D, predictions and M detached: {@code BCE(up(D(source)), 0) + weighted BCE(up(D(target)), 1, M)};</li>
 *   <li>SGD step of G, Adam step of D. {@code damping = 1 - it / max}.</li>
 * </ol>
 * The reported {@code loss_adv} and {@code loss_weight} are the scaled terms, as the reference logs.
 */
public final class Clan extends SingleSegmenterMethod {
    private static final List<String> LOSSES = List.of("loss_seg", "loss_adv", "loss_weight", "loss_D_s", "loss_D_t");

    private final ClanSettings settings;
    private final Block discriminator;
    private final Adam discriminatorOptimizer;
    private final String head1;
    private final String head2;
    private final SourceLoss focalLoss = new FocalSourceLoss();

    /**
     * @param segmenter an initialised segmenter with exactly two heads (the {@code clan} layout)
     */
    public Clan(Segmenter segmenter, ClanSettings settings, NDManager parent) {
        if (segmenter.heads().size() != 2) {
            throw new IllegalArgumentException("CLAN needs a network with two classifiers (a '-clan' architecture), "
                    + segmenter.architecture() + " has heads " + segmenter.heads());
        }
        super("clan", true, segmenter, settings.sgd(), parent);
        this.settings = settings;
        this.head1 = segmenter.heads().get(0);
        this.head2 = segmenter.heads().get(1);
        this.discriminator = newDiscriminator(settings.discriminatorWidth());
        this.discriminatorOptimizer = discriminatorOptimizer(discriminator, settings.beta1(), settings.beta2());
    }

    @Override
    protected List<String> methodLossNames() {
        return LOSSES;
    }

    @Override
    public List<String> sourceLossNames() {
        return List.of("loss_seg");
    }

    /** {@code 1 - it / max}: CLAN's damping of the adversarial and discrepancy weights. */
    static double damping(Iteration iteration) {
        return 1 - (double) iteration.index() / iteration.maxIterations();
    }

    @Override
    protected SequencedMap<String, Double> adapt(Iteration iteration, Batch source, Batch target) {
        SequencedMap<String, Double> losses = new LinkedHashMap<>();
        LOSSES.forEach(n -> losses.put(n, 0.0));
        boolean weighted = iteration.index() > settings.preheatSteps();
        double damping = damping(iteration);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            optimizer.zeroGradients();
            discriminatorOptimizer.zeroGradients();
            NDList predSource;
            NDList predTarget;
            NDArray weightMap;
            discriminator.freezeParameters(true);
            try {
                predSource = sourceStep(source, target, focalLoss, losses);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    long[] size = target.size();
                    predTarget = upsampledHeads(segmenter.forward(store, target.images(), true), size[0], size[1]);
                    weightMap = ClanWeightMap.of(predTarget.get(0).softmax(1), predTarget.get(1).softmax(1));
                    NDArray dOut = discriminate(predTarget, size);
                    NDArray adv = Scalars.times(weighted
                            ? WeightedBce.compute(dOut, AdvNetSettings.SOURCE_LABEL, weightMap, settings.epsilon(),
                                    settings.lambdaLocal())
                            : GanLoss.VANILLA.against(dOut, AdvNetSettings.SOURCE_LABEL),
                            settings.lambdaAdv() * damping);
                    gc.backward(adv);
                    losses.put("loss_adv", (double) adv.getFloat());
                }
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray discrepancy = Scalars.times(WeightDiscrepancy.compute(classifier(head1), classifier(head2)),
                            settings.lambdaWeight() * damping * 2);
                    gc.backward(discrepancy);
                    losses.put("loss_weight", (double) discrepancy.getFloat());
                }
            } finally {
                discriminator.freezeParameters(false);
            }
            NDList sourceDetached = new NDList(predSource.get(0).stopGradient(), predSource.get(1).stopGradient());
            NDList targetDetached = new NDList(predTarget.get(0).stopGradient(), predTarget.get(1).stopGradient());
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray dSource = GanLoss.VANILLA.against(discriminate(sourceDetached,
                        new long[] {predSource.get(0).getShape().get(2), predSource.get(0).getShape().get(3)}),
                        AdvNetSettings.SOURCE_LABEL);
                gc.backward(dSource);
                losses.put("loss_D_s", (double) dSource.getFloat());
            }
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray dOut = discriminate(targetDetached, target.size());
                NDArray dTarget = weighted
                        ? WeightedBce.compute(dOut, AdvNetSettings.TARGET_LABEL, weightMap.stopGradient(),
                                settings.epsilon(), settings.lambdaLocal())
                        : GanLoss.VANILLA.against(dOut, AdvNetSettings.TARGET_LABEL);
                gc.backward(dTarget);
                losses.put("loss_D_t", (double) dTarget.getFloat());
            }
            optimizer.step(iteration.lrSegmenter());
            discriminatorOptimizer.step(iteration.lrDiscriminator());
        }
        return losses;
    }

    /** CLAN_train.py:283-284: interp_source/interp_target are nn.Upsample(..., align_corners=True). */
    private NDList upsampledHeads(NDList outputs, long height, long width) {
        return new NDList(segmenter.upsample(segmenter.logits(outputs, head1), height, width),
                segmenter.upsample(segmenter.logits(outputs, head2), height, width));
    }

    /** The source loss: focal CE of c1 plus focal CE of c2, logged as one {@code loss_seg}. */
    private final class FocalSourceLoss implements SourceLoss {
        @Override
        public SequencedMap<String, NDArray> terms(NDList upsampled, NDArray labels) {
            SequencedMap<String, NDArray> out = new LinkedHashMap<>();
            out.put("loss_seg", FocalCrossEntropy.compute(upsampled.get(0), labels, settings.gamma())
                    .add(FocalCrossEntropy.compute(upsampled.get(1), labels, settings.gamma())));
            return out;
        }

        @Override
        public NDArray total(SequencedMap<String, NDArray> terms) {
            return terms.get("loss_seg");
        }
    }

    /** D on softmax(P1 + P2), its output upsampled to the prediction size (CLAN's per-pixel adversary). */
    private NDArray discriminate(NDList heads, long[] size) {
        NDArray d = discriminator.forward(store, new NDList(heads.get(0).add(heads.get(1)).softmax(1)), true)
                .singletonOrThrow();
        // the D map (stride 32) goes through the same interp_target as the logits (CLAN_train.py)
        return segmenter.upsample(d, size[0], size[1]);
    }

    /** A head's classifier parameters in block order (running statistics excluded). */
    private List<NDArray> classifier(String head) {
        List<NDArray> arrays = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : segmenter.headParameters(head).entrySet()) {
            if (!ParameterNames.isRunningStatistic(e.getValue())) {
                arrays.add(e.getValue().getArray());
            }
        }
        return arrays;
    }

    /** The discriminator (package-private for tests). */
    Block discriminator() {
        return discriminator;
    }

    @Override
    protected Map<String, Block> ownNetworks() {
        Map<String, Block> m = new LinkedHashMap<>();
        m.put("G", segmenter.block());
        m.put("D", discriminator);
        return m;
    }

    @Override
    protected Map<String, ParameterOptimizer> ownOptimizers() {
        Map<String, ParameterOptimizer> m = new LinkedHashMap<>();
        m.put("G", optimizer);
        m.put("D", discriminatorOptimizer);
        return m;
    }

    @Override
    public void close() {
        discriminatorOptimizer.close();
        super.close();
    }
}
