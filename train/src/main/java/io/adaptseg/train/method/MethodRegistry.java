package io.adaptseg.train.method;

import ai.djl.ndarray.NDManager;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.train.config.TrainConfig;
import io.adaptseg.train.loss.GanLoss;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.model.SegmenterRegistry;
import io.adaptseg.train.weights.NameMap;
import io.adaptseg.train.weights.WeightFiles;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The config's {@code method:} names and the factory behind each. A new method registers one line in
 * {@link #FACTORIES} (its hyper-parameters go into {@code ConfigKeys} with their reference defaults).
 */
public final class MethodRegistry {
    private static final Map<String, MethodFactory> FACTORIES;

    static {
        Map<String, MethodFactory> m = new LinkedHashMap<>();
        m.put("source-only", (segmenter, config, manager) ->
                new SourceOnly(segmenter, config.number("lambda-seg"), segmenterOptimization(config), manager));
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
        String name = config.string("method").trim();
        MethodFactory f = FACTORIES.get(name);
        if (f == null) {
            throw new AdaptsegException(config.origin() + ": method must be one of " + names() + ", found '" + name + "'");
        }
        return f;
    }

    /** The segmenter's SGD settings from {@code momentum}, {@code weight-decay}, {@code head-lr-multiplier}. */
    public static SegmenterOptimization segmenterOptimization(TrainConfig config) throws AdaptsegException {
        return new SegmenterOptimization(config.number("momentum"), config.number("weight-decay"),
                config.number("head-lr-multiplier"));
    }

    /** AdvNet's settings from the reference option names. */
    public static AdvNetSettings advNetSettings(TrainConfig config) throws AdaptsegException {
        return new AdvNetSettings(config.number("lambda-seg"), config.number("lambda-adv-target1"),
                config.number("lambda-adv-target2"), GanLoss.parse(config.choice("gan", "vanilla", "lsgan")),
                segmenterOptimization(config), config.number("beta1"), config.number("beta2"),
                (int) config.integer("discriminator-width"));
    }

    /** CLAN's settings; {@code warmup-steps} is its preheat. */
    public static ClanSettings clanSettings(TrainConfig config) throws AdaptsegException {
        return checked(config, () -> new ClanSettings(config.number("lambda-adv"), config.number("lambda-weight"),
                config.number("lambda-local"), config.number("epsilon"), config.number("focal-gamma"),
                config.integer("warmup-steps"), segmenterOptimization(config), config.number("beta1"),
                config.number("beta2"), (int) config.integer("discriminator-width")));
    }

    /** MaxSquare's settings: {@code target-loss} maxsquare or iw-maxsquare, {@code multi}, {@code target-solo-from}. */
    public static MaxSquareSettings maxSquareSettings(TrainConfig config) throws AdaptsegException {
        boolean imageWise = config.choice("target-loss", "maxsquare", "iw-maxsquare").equals("iw-maxsquare");
        return checked(config, () -> new MaxSquareSettings(imageWise, config.number("iw-alpha"), config.flag("multi"),
                config.number("threshold"), config.number("lambda-seg"), config.number("lambda-target"),
                config.integer("target-solo-from"), config.flag("eval-flip"), segmenterOptimization(config)));
    }

    /** CAG's settings. */
    public static CagSettings cagSettings(TrainConfig config) throws AdaptsegException {
        return checked(config, () -> new CagSettings(config.number("threshold"), config.number("delta-d"),
                config.number("anchor-weight"), (int) config.integer("anchor-min-pixels"), segmenterOptimization(config)));
    }

    /**
     * CAG: the predictor is a second network of the same architecture with the weights of
     * {@code predictor-from} (default {@code restore-from}: the previous stage), and the anchors come
     * from the file {@code anchors} ({@code adaptseg anchors}).
     */
    private static AdaptationMethod cag(Segmenter segmenter, TrainConfig config, NDManager manager) throws AdaptsegException {
        CagSettings settings = cagSettings(config);
        Path anchorsFile = config.path("anchors").orElseThrow(() -> new AdaptsegException(config.origin()
                + ": method cag needs anchors (a file written by adaptseg anchors)"));
        Path from = config.path("predictor-from").or(() -> config.path("restore-from")).orElseThrow(() ->
                new AdaptsegException(config.origin() + ": method cag needs predictor-from or restore-from (the previous"
                        + " stage's weights)"));
        CategoryAnchors anchors = CategoryAnchors.load(anchorsFile);
        Segmenter predictor = SegmenterRegistry.create(segmenter.architecture(), segmenter.numClasses());
        predictor.initialize(manager);
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
