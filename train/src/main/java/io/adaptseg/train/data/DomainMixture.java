package io.adaptseg.train.data;

import java.util.Arrays;

/**
 * How a labelled stream draws its samples from several source domains: stream position p belongs to
 * domain k with probability {@code weight[k] / sum(weights)}, drawn independently for every position
 * from (seed, p), so that a batch may mix domains and the draw of any position can be replayed
 * without saved state. A domain of weight 0 is never drawn. One domain (the usual single-source run)
 * draws nothing: every position is domain 0, and the stream is exactly the single-dataset stream.
 */
public final class DomainMixture {
    /** The {@link SplitMix64#of} stream id of the per-position domain draw. */
    static final long DRAW_STREAM = 3;

    private final double[] weights;
    private final double[] cumulative;
    private final int lastDrawn;

    /**
     * @param weights one non-negative, finite weight per domain, not all zero; they need not sum to 1
     */
    public DomainMixture(double[] weights) {
        if (weights.length == 0) {
            throw new IllegalArgumentException("a mixture needs at least one domain");
        }
        double sum = 0;
        for (double w : weights) {
            if (!(Double.isFinite(w) && w >= 0)) {
                throw new IllegalArgumentException("domain weights must be finite and >= 0, found " + Arrays.toString(weights));
            }
            sum += w;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("domain weights must not all be 0, found " + Arrays.toString(weights));
        }
        this.weights = weights.clone();
        this.cumulative = new double[weights.length];
        double acc = 0;
        int last = 0;
        for (int k = 0; k < weights.length; k++) {
            acc += weights[k] / sum;
            cumulative[k] = acc;
            if (weights[k] > 0) {
                last = k;
            }
        }
        this.lastDrawn = last;
    }

    /** A single domain: every position is domain 0. */
    public static DomainMixture single() {
        return new DomainMixture(new double[] {1});
    }

    /** Equal weights over {@code domains} domains. */
    public static DomainMixture equal(int domains) {
        double[] w = new double[domains];
        Arrays.fill(w, 1);
        return new DomainMixture(w);
    }

    public int domains() {
        return weights.length;
    }

    /** Domain k's share of the draws, weight / sum. */
    public double share(int k) {
        return k == 0 ? cumulative[0] : cumulative[k] - cumulative[k - 1];
    }

    /** The domain of stream position {@code p} under {@code seed}. */
    public int domainAt(long seed, long p) {
        if (weights.length == 1) {
            return 0;
        }
        double r = SplitMix64.of(seed, p, DRAW_STREAM).nextDouble();
        for (int k = 0; k < cumulative.length; k++) {
            if (weights[k] > 0 && r < cumulative[k]) {
                return k;
            }
        }
        return lastDrawn; // r at the top end, above a cumulative sum rounded below 1
    }

    /** How many of the positions [0, p) each domain was drawn for: the replay that puts a stream back at p. */
    public long[] countsBefore(long seed, long p) {
        long[] counts = new long[weights.length];
        if (weights.length == 1) {
            counts[0] = p;
            return counts;
        }
        for (long q = 0; q < p; q++) {
            counts[domainAt(seed, q)]++;
        }
        return counts;
    }
}
