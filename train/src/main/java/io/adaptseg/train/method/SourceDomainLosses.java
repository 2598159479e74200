package io.adaptseg.train.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.adaptseg.train.data.Batch;
import io.adaptseg.train.data.DomainIds;
import io.adaptseg.train.loss.PixelCrossEntropy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A supervised loss split by source domain, for the log: when a source batch mixes several labelled
 * domains, the loss that was back-propagated is the one over the whole batch (every source domain's
 * pixels count alike), and {@code <name>_src<k>} reports the same loss over only the pixels of domain
 * k's samples, computed again on detached predictions with the other samples' labels set to ignore.
 * A domain with no sample in the batch has no value at that iteration.
 */
public final class SourceDomainLosses {
    private SourceDomainLosses() {
    }

    /** The column of loss {@code name} on source domain {@code k} (0-based): {@code loss_seg_src1}, ... */
    public static String column(String name, int k) {
        return name + "_src" + (k + 1);
    }

    /**
     * Every loss name, each source loss followed by its per-domain columns when there are several
     * source domains: the columns of the metrics log and the order of the step line.
     */
    public static List<String> columns(List<String> lossNames, List<String> sourceLossNames, int domains) {
        List<String> out = new ArrayList<>();
        for (String n : lossNames) {
            out.add(n);
            if (domains > 1 && sourceLossNames.contains(n)) {
                for (int k = 0; k < domains; k++) {
                    out.add(column(n, k));
                }
            }
        }
        return out;
    }

    /**
     * Puts {@code name}'s value on each domain present in {@code source} into {@code out};
     * {@code loss} maps labels (N, H, W) to the scalar loss on detached predictions.
     */
    static void put(Map<String, Double> out, String name, Batch source, UnaryOperator<NDArray> loss) {
        DomainIds ids = source.domains();
        if (ids.count() < 2) {
            return;
        }
        for (int k = 0; k < ids.count(); k++) {
            if (ids.contains(k)) {
                out.put(column(name, k), (double) loss.apply(labelsOf(source, k)).getFloat());
            }
        }
    }

    /**
     * Every named term's value on each domain present in {@code source} into {@code out}, term by term;
     * {@code terms} maps labels (N, H, W) to the named scalar losses on detached predictions.
     */
    static void putAll(Map<String, Double> out, Batch source, Function<NDArray, SequencedMap<String, NDArray>> terms) {
        DomainIds ids = source.domains();
        if (ids.count() < 2) {
            return;
        }
        Map<Integer, SequencedMap<String, NDArray>> byDomain = new TreeMap<>();
        for (int k = 0; k < ids.count(); k++) {
            if (ids.contains(k)) {
                byDomain.put(k, terms.apply(labelsOf(source, k)));
            }
        }
        for (String name : byDomain.values().iterator().next().keySet()) {
            byDomain.forEach((k, values) -> out.put(column(name, k), (double) values.get(name).getFloat()));
        }
    }

    /** The batch's labels where the sample is of domain {@code k}, the ignore value elsewhere. */
    private static NDArray labelsOf(Batch source, int k) {
        NDArray labels = source.requireLabels();
        int[] keep = source.domains().indicator(k);
        int[] fill = new int[keep.length];
        for (int i = 0; i < keep.length; i++) {
            fill[i] = keep[i] == 1 ? 0 : PixelCrossEntropy.IGNORE;
        }
        Shape perSample = new Shape(keep.length, 1, 1);
        return labels.mul(labels.getManager().create(keep, perSample).toType(labels.getDataType(), false))
                .add(labels.getManager().create(fill, perSample).toType(labels.getDataType(), false));
    }
}
