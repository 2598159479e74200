package io.adaptseg.bench.experiment;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Mean and spread of one score over training seeds, and of the paired difference between two arms
 * run with the same seeds. The pairing matters: with the same seed the source-only runs of both arms
 * start from the same initial weights, and every run of a seed draws its random numbers from the same
 * generator state, so the per-seed difference cancels part of the seed-to-seed spread that the two
 * arms' own standard deviations include (MS and IW-MS start from their own arm's source-only model, so
 * for them the pairing is by seed only).
 *
 * @param n number of seeds
 * @param mean arithmetic mean
 * @param sd sample standard deviation (n - 1 in the denominator); NaN for a single seed
 */
public record SeedSummary(int n, double mean, double sd) {
    public SeedSummary {
        if (n < 1 || Double.isNaN(sd) != (n == 1)) {
            throw new IllegalArgumentException("a summary of n >= 1 values has an sd exactly when n > 1, found n " + n
                    + ", sd " + sd);
        }
    }

    public static SeedSummary of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to summarise");
        }
        int n = values.size();
        double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
        if (n == 1) {
            return new SeedSummary(1, mean, Double.NaN);
        }
        double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        return new SeedSummary(n, mean, Math.sqrt(squares / (n - 1)));
    }

    /** The per-seed differences {@code with[i] - without[i]}, summarised; both lists in seed order. */
    public static SeedSummary paired(List<Double> without, List<Double> with) {
        if (without.size() != with.size()) {
            throw new IllegalArgumentException("paired scores need the same seeds, found " + without.size() + " and "
                    + with.size());
        }
        return of(IntStream.range(0, with.size()).mapToObj(i -> with.get(i) - without.get(i)).toList());
    }

    /** A score: {@code mean ± sd} with two decimals, or the mean alone for one seed. */
    public String asLevel() {
        return withSpread(String.format(Locale.ROOT, "%.2f", mean));
    }

    /** A difference: as {@link #asLevel()} with the mean's sign always shown. */
    public String asChange() {
        return withSpread(String.format(Locale.ROOT, "%+.2f", mean));
    }

    private String withSpread(String m) {
        return n == 1 ? m : m + String.format(Locale.ROOT, " ± %.2f", sd);
    }
}
