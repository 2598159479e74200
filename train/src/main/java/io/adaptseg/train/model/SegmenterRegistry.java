package io.adaptseg.train.model;

import ai.djl.ndarray.NDManager;
import io.adaptseg.core.AdaptsegException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Architecture names used by configs, and the factory behind each. DeepLab-v2:
 * {@code deeplabv2-<r101|r50|tiny>-<single|multi|clan>}; DeepLab-v3+: {@code deeplabv3plus-<r101|r50|tiny>}.
 * The tiny variants use the same code path with {@link ResNetSpec#TINY} and reduced head widths.
 */
public final class SegmenterRegistry {
    private interface Factory {
        Segmenter create(String name, int numClasses, SegmenterOptions options);
    }

    private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();
    private static final Map<String, Family> FAMILIES = new LinkedHashMap<>();

    static {
        for (ResNetSpec spec : List.of(ResNetSpec.R101, ResNetSpec.R50, ResNetSpec.TINY)) {
            for (HeadLayout layout : HeadLayout.values()) {
                String name = "deeplabv2-" + spec.id() + "-" + layout.id();
                FACTORIES.put(name, (n, c, o) -> DeepLabV2.create(n, spec, layout, c, o));
                FAMILIES.put(name, Family.DEEPLAB_V2);
            }
        }
        for (ResNetSpec spec : List.of(ResNetSpec.R101, ResNetSpec.R50, ResNetSpec.TINY)) {
            String name = "deeplabv3plus-" + spec.id();
            var widths = spec == ResNetSpec.TINY ? DeepLabV3Plus.HeadWidths.TINY : DeepLabV3Plus.HeadWidths.FULL;
            FACTORIES.put(name, (n, c, o) -> DeepLabV3Plus.create(n, spec, widths, c, o));
            FAMILIES.put(name, Family.DEEPLAB_V3PLUS);
        }
    }

    private SegmenterRegistry() {
    }

    /** All registered names, in a stable order. */
    public static List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    /** A new, uninitialised segmenter with the family's default options. */
    public static Segmenter create(String name, int numClasses) throws AdaptsegException {
        return create(name, numClasses, SegmenterOptions.defaults(family(name)));
    }

    /** A new, uninitialised segmenter. */
    public static Segmenter create(String name, int numClasses, SegmenterOptions options) throws AdaptsegException {
        Factory f = FACTORIES.get(name);
        if (f == null) {
            throw unknown(name);
        }
        if (numClasses < 1) {
            throw new AdaptsegException("number of classes of " + name + " must be positive, found " + numClasses);
        }
        return f.create(name, numClasses, options);
    }

    /**
     * A new segmenter with its parameters initialised in {@code manager}, drawing from the engine's
     * generator ({@link Initializers#seedEngine} first for a reproducible start).
     */
    public static Segmenter initialized(String name, int numClasses, SegmenterOptions options, NDManager manager)
            throws AdaptsegException {
        Segmenter segmenter = create(name, numClasses, options);
        segmenter.initialize(manager);
        return segmenter;
    }

    /** The family of a registered name. */
    public static Family family(String name) throws AdaptsegException {
        Family family = FAMILIES.get(name);
        if (family == null) {
            throw unknown(name);
        }
        return family;
    }

    private static AdaptsegException unknown(String name) {
        return new AdaptsegException("unknown architecture '" + name + "', expected one of " + names());
    }
}
