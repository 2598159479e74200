package io.adaptseg.export.calibration;

/**
 * Thresholds on |x| chosen from an {@link AbsHistogram}: the percentile and the entropy (KL-divergence)
 * calibrations. Written from the published descriptions (docs/int8.md cites them), not from any
 * library's code.
 */
public final class Thresholds {
    /** TensorRT's histogram resolution for entropy calibration. */
    public static final int BINS = 2048;
    /** Added to empty bins (and taken evenly from the others) so that the divergence stays finite. */
    static final double SMOOTHING = 1e-4;

    private Thresholds() {
    }

    /**
     * The smallest bin edge below which at least {@code percentile} % of the values lie: the upper edge
     * of the first bin where the cumulative count reaches that share.
     *
     * @throws IllegalArgumentException when the percentile is not in (0, 100]
     */
    public static double percentile(AbsHistogram h, double percentile) {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], found " + percentile);
        }
        long[] counts = h.counts();
        long total = h.total();
        if (total == 0) {
            return h.top();
        }
        double need = total * percentile / 100;
        long cumulative = 0;
        for (int i = 0; i < counts.length; i++) {
            cumulative += counts[i];
            if (cumulative >= need) {
                return (i + 1) * h.binWidth();
            }
        }
        return h.top();
    }

    /**
     * The entropy threshold: {@link #entropyBins} bins times the bin width.
     *
     * @param levels the quantised levels |x| is mapped to (128 for a signed 8-bit range, 256 for a
     *     non-negative tensor in uint8)
     */
    public static double entropy(AbsHistogram h, int levels) {
        return entropyBins(h.counts(), levels) * h.binWidth();
    }

    /**
     * How many leading bins the entropy calibration keeps. For each candidate {@code i} from
     * {@code levels} to the number of bins: the reference distribution P is the first {@code i} bins
     * with every count beyond them added to the last one (what clipping at that threshold does); the
     * candidate Q merges the same {@code i} bins (without the clipped counts) into {@code levels} groups,
     * group {@code g} covering bins {@code floor(g*i/levels)} up to {@code floor((g+1)*i/levels)}, and
     * spreads each group's count evenly over the bins of the group where P is not zero (an empty bin
     * stays empty once quantised). Both are smoothed ({@link #SMOOTHING}) and normalised, and the
     * {@code i} with the smallest KL(P || Q) wins (the first one on ties).
     *
     * @return the number of bins below the threshold; all of them for an empty histogram
     * @throws IllegalArgumentException when {@code levels} is below 2 or above the number of bins
     */
    public static int entropyBins(long[] counts, int levels) {
        int bins = counts.length;
        if (levels < 2 || levels > bins) {
            throw new IllegalArgumentException("levels must be in 2.." + bins + ", found " + levels);
        }
        long[] beyond = new long[bins + 1];
        for (int i = bins - 1; i >= 0; i--) {
            beyond[i] = beyond[i + 1] + counts[i];
        }
        if (beyond[0] == 0) {
            return bins;
        }
        int best = bins;
        double bestDivergence = Double.POSITIVE_INFINITY;
        double[] p = new double[bins];
        double[] q = new double[bins];
        for (int i = levels; i <= bins; i++) {
            for (int j = 0; j < i; j++) {
                p[j] = counts[j];
            }
            p[i - 1] += beyond[i];
            for (int g = 0; g < levels; g++) {
                int from = (int) ((long) g * i / levels);
                int to = (int) ((long) (g + 1) * i / levels);
                double sum = 0;
                int nonZero = 0;
                for (int j = from; j < to; j++) {
                    sum += counts[j];
                    if (p[j] != 0) {
                        nonZero++;
                    }
                }
                for (int j = from; j < to; j++) {
                    q[j] = p[j] != 0 ? sum / nonZero : 0;
                }
            }
            double divergence = divergence(p, q, i);
            if (divergence < bestDivergence) {
                bestDivergence = divergence;
                best = i;
            }
        }
        return best;
    }

    /** KL(P || Q) over the first {@code n} entries, after smoothing and normalising both. */
    static double divergence(double[] p, double[] q, int n) {
        smooth(p, n);
        smooth(q, n);
        double pSum = 0;
        double qSum = 0;
        for (int j = 0; j < n; j++) {
            pSum += p[j];
            qSum += q[j];
        }
        if (!(qSum > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        double kl = 0;
        for (int j = 0; j < n; j++) {
            if (p[j] > 0) {
                double pj = p[j] / pSum;
                kl += pj * Math.log(pj / (q[j] / qSum));
            }
        }
        return kl;
    }

    /** Gives each zero entry {@link #SMOOTHING} and takes the same total evenly from the others. */
    private static void smooth(double[] v, int n) {
        int zeros = 0;
        for (int j = 0; j < n; j++) {
            if (v[j] == 0) {
                zeros++;
            }
        }
        if (zeros == 0 || zeros == n) {
            return;
        }
        double take = SMOOTHING * zeros / (n - zeros);
        for (int j = 0; j < n; j++) {
            v[j] = v[j] == 0 ? SMOOTHING : v[j] - take;
        }
    }
}
