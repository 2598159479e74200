package io.adaptseg.train.method;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.adaptseg.train.model.OutputDiscriminator;
import io.adaptseg.train.model.ParameterNames;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.optim.Adam;
import io.adaptseg.train.optim.NamedParameter;
import io.adaptseg.train.optim.ParameterGroup;
import io.adaptseg.train.optim.ParameterOptimizer;
import io.adaptseg.train.optim.Sgd;
import io.adaptseg.train.data.Batch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * The shared part of every method: one segmenter trained with SGD, its optimizer, the parameter store
 * and the memory scope they live in, and the accessors the training loop and checkpoints read.
 * Source-only, MaxSquare and CAG use it as it is; the adversarial methods (AdvNet, CLAN) add their
 * discriminators, built here too, to {@link #networks()}, {@link #optimizers()} and {@link #close()}.
 *
 * <p>With {@code joint-translator}, every method trains jointly with a style translator the same way
 * ({@link JointTranslation}): a subclass reads its source images through {@link #sourceImages}, which
 * translates them, and {@link #step} wraps the method's {@link #adapt} with the decoder's zeroing and
 * Adam step; the decoder and its optimiser join the checkpoint as {@value JointTranslation#NETWORK}.
 */
abstract class SingleSegmenterMethod implements AdaptationMethod {
    protected final Segmenter segmenter;
    protected final NDManager manager;
    protected final ParameterStore store;
    protected final Sgd optimizer;
    private final String name;
    private final boolean usesTarget;
    private JointTranslation joint;

    /**
     * @param name the method's config name ({@link #name()})
     * @param usesTarget whether a step takes a target batch ({@link #usesTarget()})
     */
    protected SingleSegmenterMethod(String name, boolean usesTarget, Segmenter segmenter, SegmenterOptimization sgd,
                                    NDManager parent) {
        this.name = name;
        this.usesTarget = usesTarget;
        this.segmenter = segmenter;
        this.manager = parent.newSubManager();
        this.store = new ParameterStore(manager, false);
        this.optimizer = sgd.sgd(segmenter, manager);
    }

    /** A new output-space discriminator of {@code width} channels, initialised in this method's scope. */
    protected Block newDiscriminator(int width) {
        Block d = OutputDiscriminator.create(segmenter.numClasses(), width);
        d.initialize(manager, DataType.FLOAT32, new Shape(1, segmenter.numClasses(), 64, 64));
        return d;
    }

    /** The Adam optimizer of a discriminator: all its parameters in one group, no weight decay. */
    protected Adam discriminatorOptimizer(Block discriminator, double beta1, double beta2) {
        List<NamedParameter> params = new ArrayList<>();
        ParameterNames.of(discriminator).forEach((name, p) -> params.add(new NamedParameter(name, p)));
        return new Adam(List.of(new ParameterGroup("D", params, 1.0)), beta1, beta2, 1e-8, 0.0, manager);
    }

    /**
     * Trains {@code translation}'s decoder jointly from now on; this method owns and closes it.
     * Called once, by {@link MethodRegistry}, before training starts.
     */
    void attach(JointTranslation translation) {
        if (joint != null) {
            throw new IllegalStateException("a joint translator is already attached");
        }
        joint = translation;
    }

    /** The jointly trained translator, if any (package-private for tests). */
    java.util.Optional<JointTranslation> joint() {
        return java.util.Optional.ofNullable(joint);
    }

    /**
     * One iteration of the method; its source images must be read through {@link #sourceImages}, inside
     * the gradient collector of the source loss.
     */
    protected abstract SequencedMap<String, Double> adapt(Iteration iteration, Batch source, Batch target);

    /** The method's own losses, in log-line order; {@link #lossNames()} adds the joint translator's. */
    protected abstract List<String> methodLossNames();

    @Override
    public final List<String> lossNames() {
        if (joint == null) {
            return methodLossNames();
        }
        List<String> names = new ArrayList<>(methodLossNames());
        names.addAll(joint.lossNames());
        return names;
    }

    @Override
    public final SequencedMap<String, Double> step(Iteration iteration, Batch source, Batch target) {
        if (joint == null) {
            return adapt(iteration, source, target);
        }
        if (target == null) {
            throw new IllegalArgumentException("joint-translator needs the target batch as the style images");
        }
        joint.zeroGradients();
        SequencedMap<String, Double> out = new LinkedHashMap<>(adapt(iteration, source, target));
        // the decoder's gradients of the segmenter's loss are in; its own AdaIN losses add theirs before its step
        out.putAll(joint.backwardTranslatorLosses(source.images(), target.images()));
        joint.step();
        return out;
    }

    /**
     * The supervised step on the labelled source, shared by the methods: inside one gradient collector,
     * the segmenter's forward of {@link #sourceImages}, every head's logits upsampled to the label size,
     * {@code loss}'s total back-propagated; its terms go into {@code out} by name, followed, for a batch
     * that mixes source domains, by each term per domain ({@link SourceDomainLosses}). Returns the upsampled
     * predictions, still attached, for a method's later terms.
     */
    protected final NDList sourceStep(Batch source, Batch target, SourceLoss loss, SequencedMap<String, Double> out) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray labels = source.requireLabels();
            NDList predictions = SourceSegmentation.upsampledHeads(segmenter, segmenter.forward(store,
                    sourceImages(source, target), true), new long[] {labels.getShape().get(1), labels.getShape().get(2)});
            SequencedMap<String, NDArray> terms = loss.terms(predictions, labels);
            gc.backward(loss.total(terms));
            terms.forEach((name, value) -> out.put(name, (double) value.getFloat()));
            NDList detached = new NDList(predictions.size());
            predictions.forEach(p -> detached.add(p.stopGradient()));
            SourceDomainLosses.putAll(out, source, domainLabels -> loss.terms(detached, domainLabels));
            return predictions;
        }
    }

    /**
     * The images the segmenter trains on for {@code source}: the batch's own, or with a joint translator,
     * the batch translated into the style of {@code target} (differentiable in the decoder).
     */
    protected NDArray sourceImages(Batch source, Batch target) {
        return joint == null ? source.images() : joint.translate(source.images(), target.images());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean usesTarget() {
        return usesTarget || joint != null;
    }

    @Override
    public NDArray evaluationLogits(NDArray images) {
        return segmenter.evaluationLogits(segmenter.forward(store, images, false));
    }

    @Override
    public Device device() {
        return manager.getDevice();
    }

    @Override
    public Segmenter segmenter() {
        return segmenter;
    }

    @Override
    public final Map<String, Block> networks() {
        Map<String, Block> m = new LinkedHashMap<>(ownNetworks());
        if (joint != null) {
            m.put(JointTranslation.NETWORK, joint.translator().decoder());
        }
        return m;
    }

    /** The method's own networks by checkpoint name: the segmenter "G", and discriminators where there are. */
    protected Map<String, Block> ownNetworks() {
        return Map.of("G", segmenter.block());
    }

    @Override
    public final Map<String, ParameterOptimizer> optimizers() {
        Map<String, ParameterOptimizer> m = new LinkedHashMap<>(ownOptimizers());
        if (joint != null) {
            m.put(JointTranslation.NETWORK, joint.optimizer());
        }
        return m;
    }

    /** The method's own optimisers by checkpoint name, as {@link #ownNetworks()}. */
    protected Map<String, ParameterOptimizer> ownOptimizers() {
        return Map.of("G", optimizer);
    }

    @Override
    public void close() {
        if (joint != null) {
            joint.close();
        }
        optimizer.close();
        manager.close();
    }
}
