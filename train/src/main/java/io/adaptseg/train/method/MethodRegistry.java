package io.adaptseg.train.method;

import ai.djl.ndarray.NDManager;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.train.config.AdvNetConfig;
import io.adaptseg.train.config.CagConfig;
import io.adaptseg.train.config.ClanConfig;
import io.adaptseg.train.config.DiscriminatorSettings;
import io.adaptseg.train.config.MaxSquareConfig;
import io.adaptseg.train.config.SegmenterSettings;
import io.adaptseg.train.config.TargetLoss;
import io.adaptseg.train.config.TrainConfig;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.model.SegmenterRegistry;
import io.adaptseg.train.translator.TranslatorCheckpoint;
import io.adaptseg.train.weights.NameMap;
import io.adaptseg.train.weights.WeightFiles;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The config's {@code method:} names and the factory behind each. A new method registers one line in
 * {@link #FACTORIES} (its hyper-parameters go into a settings record of the config package and into
 * {@code defaults.yaml} with their reference defaults).
 */
public final class MethodRegistry {
    private static final Map<String, MethodFactory> FACTORIES;

    static {
        Map<String, MethodFactory> m = new LinkedHashMap<>();
        m.put("source-only", (segmenter, config, manager) ->
                new SourceOnly(segmenter, config.segmenter().lambdaSeg(), segmenterOptimization(config), manager));
        m.put("advnet", (segmenter, config, manager) -> new AdvNet(segmenter, advNetSettings(config), manager));
        m.put("clan", (segmenter, config, manager) -> checked(config, () -> new Clan(segmenter, clanSettings(config), manager)));
        m.put("maxsquare", (segmenter, config, manager) ->
                checked(config, () -> new MaxSquareMethod(segmenter, maxSquareSettings(config), manager)));
        m.put("cag", MethodRegistry::cag);
        FACTORIES = Collections.unmodifiableMap(m);
    }

    private MethodRegistry() {
    }

    /** Registered method names, in registration order. */
    public static List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    /** The factory of the config's {@code method}; an unknown name is an error naming the key. */
    public static MethodFactory factory(TrainConfig config) throws AdaptsegException {
        String name = config.run().method();
        MethodFactory f = FACTORIES.get(name);
        if (config.run().kind().trainsTranslator()) {
            throw new AdaptsegException(config.origin() + ": method " + name + " trains the style translator, not a"
                    + " segmenter: run it alone with adaptseg train --config (see configs/adain-*.yaml, configs/vgg-pretrain-*.yaml)");
        }
        if (f == null) {
            throw new AdaptsegException(config.origin() + ": method must be one of " + names() + ", found '" + name + "'");
        }
        if (config.adain().jointTranslator().isEmpty()) {
            return f;
        }
        Path translator = config.adain().jointTranslator().get();
        boolean adain;
        try {
            adain = TranslatorCheckpoint.isTranslator(translator);
        } catch (AdaptsegException e) {
            throw new AdaptsegException(config.origin() + ": joint-translator: " + e.getMessage(), e);
        }
        if (!adain) {
            throw new AdaptsegException(config.origin() + ": joint-translator " + translator + " is not an adain checkpoint"
                    + " (give a checkpoint folder of adaptseg train with method: adain)");
        }
        return (segmenter, c, manager) -> withJointTranslator(f.create(segmenter, c, manager), segmenter, c, manager);
    }

    /** {@code method} training the decoder of {@code joint-translator} jointly ({@link JointTranslation}). */
    private static AdaptationMethod withJointTranslator(AdaptationMethod method, Segmenter segmenter, TrainConfig config,
                                                        NDManager manager) throws AdaptsegException {
        try {
            if (!(method instanceof SingleSegmenterMethod single)) {
                throw new AdaptsegException(config.origin() + ": method " + method.name() + " cannot train a"
                        + " joint-translator");
            }
            single.attach(checked(config, () -> JointTranslation.load(config.adain().jointTranslator().get(),
                    segmenter.normalization(), config.adain().jointAlpha(), config.adain().jointAdainWeight(), manager)));
            return method;
        } catch (AdaptsegException | RuntimeException e) {
            method.close();
            throw e;
        }
    }

    /** The segmenter's SGD settings from {@code momentum}, {@code weight-decay}, {@code head-lr-multiplier}. */
    public static SegmenterOptimization segmenterOptimization(TrainConfig config) {
        SegmenterSettings s = config.segmenter();
        return new SegmenterOptimization(s.momentum(), s.weightDecay(), s.headLrMultiplier());
    }

    /** AdvNet's settings from the reference option names. */
    public static AdvNetSettings advNetSettings(TrainConfig config) {
        AdvNetConfig a = config.advnet();
        DiscriminatorSettings d = config.discriminator();
        return new AdvNetSettings(config.segmenter().lambdaSeg(), a.lambdaAdvTarget1(), a.lambdaAdvTarget2(), a.gan(),
                segmenterOptimization(config), d.beta1(), d.beta2(), d.width());
    }

    /** CLAN's settings; {@code warmup-steps} is its preheat. */
    public static ClanSettings clanSettings(TrainConfig config) throws AdaptsegException {
        ClanConfig c = config.clan();
        DiscriminatorSettings d = config.discriminator();
        return checked(config, () -> new ClanSettings(c.lambdaAdv(), c.lambdaWeight(), c.lambdaLocal(), c.epsilon(),
                c.focalGamma(), config.schedule().warmupSteps(), segmenterOptimization(config), d.beta1(), d.beta2(),
                d.width()));
    }

    /** MaxSquare's settings: {@code target-loss} maxsquare or iw-maxsquare, {@code multi}, {@code target-solo-from}. */
    public static MaxSquareSettings maxSquareSettings(TrainConfig config) throws AdaptsegException {
        MaxSquareConfig ms = config.maxSquare();
        return checked(config, () -> new MaxSquareSettings(ms.targetLoss() == TargetLoss.IW_MAXSQUARE, ms.iwAlpha(),
                ms.multi(), config.pseudoLabels().threshold(), config.segmenter().lambdaSeg(), ms.lambdaTarget(),
                ms.targetSoloFrom(), ms.evalFlip(), ms.evalFlipAverage(), segmenterOptimization(config)));
    }

    /** CAG's settings. */
    public static CagSettings cagSettings(TrainConfig config) throws AdaptsegException {
        CagConfig c = config.cag();
        return checked(config, () -> new CagSettings(config.pseudoLabels().threshold(), c.deltaD(), c.anchorWeight(),
                c.anchorMinPixels(), segmenterOptimization(config), c.normalisationPooling()));
    }

    /**
     * CAG: the predictor is a second network of the same architecture with the weights of
     * {@code predictor-from} (default {@code restore-from}: the previous stage), and the anchors come
     * from the file {@code anchors} ({@code adaptseg anchors}).
     */
    private static AdaptationMethod cag(Segmenter segmenter, TrainConfig config, NDManager manager) throws AdaptsegException {
        CagSettings settings = cagSettings(config);
        Path anchorsFile = config.cag().anchors().orElseThrow(() -> new AdaptsegException(config.origin()
                + ": method cag needs anchors (a file written by adaptseg anchors)"));
        Path from = config.cag().predictorFrom().or(() -> config.run().restoreFrom()).orElseThrow(() ->
                new AdaptsegException(config.origin() + ": method cag needs predictor-from or restore-from (the previous"
                        + " stage's weights)"));
        CategoryAnchors anchors = CategoryAnchors.load(anchorsFile);
        Segmenter predictor = SegmenterRegistry.initialized(segmenter.architecture(), segmenter.numClasses(),
                segmenter.options(), manager);
        WeightFiles.load(predictor, WeightSource.resolve(from), NameMap.OURS);
        return checked(config, () -> new Cag(segmenter, predictor, anchors, settings, manager));
    }

    /** Something that may reject a value with an {@link IllegalArgumentException}. */
    private interface Construction<T> {
        T get() throws AdaptsegException;
    }

    /** Turns a rejected value into an error that names the config. */
    private static <T> T checked(TrainConfig config, Construction<T> c) throws AdaptsegException {
        try {
            return c.get();
        } catch (IllegalArgumentException e) {
            throw new AdaptsegException(config.origin() + ": " + e.getMessage(), e);
        }
    }
}
