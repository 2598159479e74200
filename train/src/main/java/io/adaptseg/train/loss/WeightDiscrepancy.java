package io.adaptseg.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.List;

/**
 * CLAN's weight-discrepancy term {@code cos(W1, W2) + 1}, where W1 and W2 are the two classifiers'
 * parameters flattened and concatenated in the same order. Minimising it pushes the classifiers to
 * different views of the features; "+1" keeps it non-negative. The method scales it by
 * {@code lambda_weight * damping * 2}.
 */
public final class WeightDiscrepancy {
    /** CLAN's lambda_weight. */
    public static final double REFERENCE_LAMBDA = 0.01;

    private WeightDiscrepancy() {
    }

    /** @param first, second the classifiers' parameter arrays, pairwise of one shape */
    public static NDArray compute(List<NDArray> first, List<NDArray> second) {
        if (first.isEmpty() || first.size() != second.size()) {
            throw new IllegalArgumentException("weight discrepancy needs two non-empty parameter lists of one length,"
                    + " found " + first.size() + " and " + second.size());
        }
        NDArray w1 = flatten(first);
        NDArray w2 = flatten(second);
        if (w1.size() != w2.size()) {
            throw new IllegalArgumentException("the two classifiers differ in size: " + w1.size() + " and " + w2.size());
        }
        return w1.mul(w2).sum().div(w1.norm().mul(w2.norm())).add(1);
    }

    private static NDArray flatten(List<NDArray> arrays) {
        NDList flat = new NDList(arrays.size());
        for (NDArray a : arrays) {
            flat.add(a.reshape(-1));
        }
        return flat.size() == 1 ? flat.get(0) : NDArrays.concat(flat, 0);
    }
}
