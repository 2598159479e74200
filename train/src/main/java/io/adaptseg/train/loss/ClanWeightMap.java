package io.adaptseg.train.loss;

import ai.djl.ndarray.NDArray;

/**
 * CLAN's per-pixel discrepancy of the two classifiers: {@code M = 1 - cos(p1, p2)} over the class
 * axis of two softmax maps. M is 0 where the heads agree (a category already aligned) and grows up
 * to 1 where they disagree; the adversarial loss is weighted by it.
 */
public final class ClanWeightMap {
    private ClanWeightMap() {
    }

    /**
     * @param p1 softmax of the first head (N, C, H, W)
     * @param p2 softmax of the second head, same shape
     * @return (N, 1, H, W)
     */
    public static NDArray of(NDArray p1, NDArray p2) {
        if (!p1.getShape().equals(p2.getShape()) || p1.getShape().dimension() != 4) {
            throw new IllegalArgumentException("weight map needs two (N,C,H,W) maps of one shape, found " + p1.getShape()
                    + " and " + p2.getShape());
        }
        NDArray dot = p1.mul(p2).sum(new int[] {1}, true);
        NDArray norms = p1.norm(new int[] {1}, true).mul(p2.norm(new int[] {1}, true));
        return dot.div(norms).neg().add(1);
    }
}
