package io.adaptseg.train.translation;

import ai.djl.engine.Engine;
import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.adaptseg.train.config.RunKind;
import io.adaptseg.train.data.Batch;
import io.adaptseg.train.method.Iteration;
import io.adaptseg.train.method.TrainableMethod;
import io.adaptseg.train.model.ParameterNames;
import io.adaptseg.train.optim.Adam;
import io.adaptseg.train.optim.NamedParameter;
import io.adaptseg.train.optim.ParameterGroup;
import io.adaptseg.train.optim.ParameterOptimizer;
import io.adaptseg.train.translator.AdainSettings;
import io.adaptseg.train.translator.Translator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * {@code method: adain}: one iteration of the reference's training ({@code Net.forward} and the loop of
 * {@code train.py}, naoto0804/pytorch-AdaIN). Source images are the content, target images the style:
 * t = blend(AdaIN(relu4_1(content), relu4_1(style)), alpha), detached; the decoder's g(t) is encoded
 * again; {@code loss_content} = content-weight · MSE(relu4_1(g(t)), t) and {@code loss_style} =
 * style-weight · Σ over relu1_1…relu4_1 of the MSEs of means and standard deviations. Only the decoder
 * learns (Adam); the encoder's parameters are frozen, but gradients flow through it to g(t).
 */
public final class AdainMethod implements TrainableMethod {
    /** The config's method name. */
    public static final String NAME = RunKind.STYLE_TRANSLATOR.method();
    private static final List<String> LOSSES = List.of("loss_content", "loss_style");

    private final Translator translator;
    private final AdainSettings settings;
    private final NDManager manager;
    private final ParameterStore store;
    private final Adam optimizer;

    /** @param translator an initialised translator whose encoder holds the VGG weights */
    public AdainMethod(Translator translator, AdainSettings settings, NDManager parent) {
        this.translator = translator;
        this.settings = settings;
        this.manager = parent.newSubManager();
        this.store = new ParameterStore(manager, false);
        List<NamedParameter> params = new ArrayList<>();
        ParameterNames.of(translator.decoder()).forEach((name, p) -> params.add(new NamedParameter(name, p)));
        this.optimizer = new Adam(List.of(new ParameterGroup(Translator.DECODER, params, 1.0)), 0.9, 0.999, 1e-8, 0.0,
                manager);
    }

    public Translator translator() {
        return translator;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The style images are the target batch. */
    @Override
    public boolean usesTarget() {
        return true;
    }

    @Override
    public List<String> lossNames() {
        return LOSSES;
    }

    @Override
    public SequencedMap<String, Double> step(Iteration iteration, Batch source, Batch target) {
        if (target == null) {
            throw new IllegalArgumentException("adain needs a style (target) batch");
        }
        SequencedMap<String, Double> out = new LinkedHashMap<>();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            optimizer.zeroGradients();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                Translator.Losses losses = translator.losses(store, source.images(), target.images(), settings, true);
                gc.backward(losses.content().add(losses.style()));
                out.put(LOSSES.get(0), (double) losses.content().getFloat());
                out.put(LOSSES.get(1), (double) losses.style().getFloat());
            }
            optimizer.step(iteration.lrSegmenter());
        }
        return out;
    }

    @Override
    public Map<String, Block> networks() {
        return translator.networks();
    }

    @Override
    public Map<String, ParameterOptimizer> optimizers() {
        return Map.of(Translator.DECODER, optimizer);
    }

    @Override
    public Device device() {
        return manager.getDevice();
    }

    @Override
    public void close() {
        optimizer.close();
        manager.close();
    }
}
