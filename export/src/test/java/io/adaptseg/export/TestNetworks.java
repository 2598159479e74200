package io.adaptseg.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.core.model.ModelContract;
import io.adaptseg.core.model.ModelMetadata;
import io.adaptseg.core.model.ModelOrigin;
import io.adaptseg.core.resample.Convention;
import io.adaptseg.core.resample.ImageResize;
import io.adaptseg.export.metadata.Provenance;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.model.SegmenterOptions;
import io.adaptseg.train.model.SegmenterRegistry;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;

/** Tiny networks with non-trivial batch-norm statistics, and metadata for them. */
final class TestNetworks {
    private TestNetworks() {
    }

    /**
     * A registry network initialised in {@code manager}, with BN gamma, beta, running mean and variance
     * randomised (fresh BN would be the identity and folding it would prove nothing).
     */
    static Segmenter randomized(String architecture, NDManager manager, long seed) throws AdaptsegException {
        return randomized(architecture, SegmenterOptions.defaults(SegmenterRegistry.family(architecture)), manager, seed);
    }

    /** {@link #randomized(String, NDManager, long)} built with {@code options}. */
    static Segmenter randomized(String architecture, SegmenterOptions options, NDManager manager, long seed)
            throws AdaptsegException {
        Segmenter s = SegmenterRegistry.create(architecture, LabelSet.CITYSCAPES19.size(), options);
        manager.getEngine().setRandomSeed((int) seed); // the conv initialisation too, so runs repeat
        s.initialize(manager);
        Random r = new Random(seed);
        for (Map.Entry<String, Parameter> e : s.parameters().entrySet()) {
            String name = e.getKey();
            NDArray a = e.getValue().getArray();
            int n = Math.toIntExact(a.size());
            float[] v = new float[n];
            if (name.endsWith("running_var")) {
                for (int i = 0; i < n; i++) {
                    v[i] = 0.5f + r.nextFloat();
                }
            } else if (name.endsWith("running_mean") || isBnAffine(name, s)) {
                for (int i = 0; i < n; i++) {
                    v[i] = (float) (name.endsWith("weight") ? 0.8 + 0.4 * r.nextFloat() : 0.2 * r.nextGaussian());
                }
            } else {
                continue;
            }
            a.set(v);
        }
        return s;
    }

    private static boolean isBnAffine(String name, Segmenter s) {
        return (name.endsWith(".weight") || name.endsWith(".bias"))
                && s.parameters().containsKey(name.substring(0, name.lastIndexOf('.')) + ".running_mean");
    }

    static ModelMetadata metadata(Segmenter s) {
        return new ModelMetadata(new ModelContract(LabelSet.CITYSCAPES19, s.normalization(), 64, 96, s.outputStride(),
                Convention.HALF_PIXEL, ImageResize.BILINEAR), new ModelOrigin(s.architecture(), "source_only", "synthetic",
                "synthetic", 0, OptionalDouble.empty(),
                Provenance.now(null, Map.of("adaptseg", "test"), Map.of("head", "eval")).toJson()));
    }
}
