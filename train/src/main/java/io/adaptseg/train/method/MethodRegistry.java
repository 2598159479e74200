package io.adaptseg.train.method;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.train.config.TrainConfig;
import io.adaptseg.train.loss.GanLoss;
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
}
