package io.adaptseg.train.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.adaptseg.train.model.OutputDiscriminator;
import io.adaptseg.train.model.ParameterNames;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.optim.Adam;
import io.adaptseg.train.optim.NamedParameter;
import io.adaptseg.train.optim.ParameterGroup;
import io.adaptseg.train.optim.ParameterOptimizer;
import io.adaptseg.train.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shared part of every method: one segmenter trained with SGD, its optimizer, the parameter store
 * and the memory scope they live in, and the accessors the training loop and checkpoints read.
 * Source-only, MaxSquare and CAG use it as it is; the adversarial methods (AdvNet, CLAN) add their
 * discriminators, built here too, to {@link #networks()}, {@link #optimizers()} and {@link #close()}.
 */
abstract class SingleSegmenterMethod implements AdaptationMethod {
    protected final Segmenter segmenter;
    protected final NDManager manager;
    protected final ParameterStore store;
    protected final Sgd optimizer;
    private final String name;
    private final boolean usesTarget;

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

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean usesTarget() {
        return usesTarget;
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
