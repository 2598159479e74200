package io.adaptseg.train.testing;

import ai.djl.ndarray.NDManager;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.model.SegmenterRegistry;
import java.io.UncheckedIOException;

/** The networks' tiny registry variants, initialised, for fast tests. */
public final class TinyNetworks {
    /** DeepLab-v2 on the tiny trunk with aux (layer3) and main (layer4) heads, output stride 8. */
    public static final String TWO_HEADS = "deeplabv2-tiny-multi";
    /** Width of the test discriminators (the references use 64). */
    public static final int DISCRIMINATOR_WIDTH = 8;

    private TinyNetworks() {
    }

    /** {@link #TWO_HEADS} with {@code classes} outputs, its parameters owned by {@code manager}. */
    public static Segmenter twoHeads(NDManager manager, int classes) {
        return create(TWO_HEADS, manager, classes);
    }

    /** A registry network with {@code classes} outputs, its parameters owned by {@code manager}. */
    public static Segmenter create(String name, NDManager manager, int classes) {
        try {
            Segmenter s = SegmenterRegistry.create(name, classes);
            s.initialize(manager);
            return s;
        } catch (AdaptsegException e) {
            throw new IllegalStateException(e);
        }
    }
}
