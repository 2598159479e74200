package io.adaptseg.bench.experiment;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Mean and spread of one score over training seeds, and of the paired difference between two arms
 * run with the same seeds. The pairing matters: with the same seed both arms start from the same
 * initial weights and draw the same target batches, so the per-seed difference cancels part of
 * the seed-to-seed spread that the two arms' own standard deviations include.
 *
 * @param n number of seeds
 * @param mean arithmetic mean
 * @param sd sample standard deviation (n - 1 in the denominator); NaN for a single seed
 */
public record SeedSummary(int n, double mean, double sd) {
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

    /** {@code mean ± sd} with two decimals, or the mean alone for one seed. */
    public String format(boolean signed) {
        String m = String.format(Locale.ROOT, signed ? "%+.2f" : "%.2f", mean);
        return n == 1 ? m : m + String.format(Locale.ROOT, " ± %.2f", sd);
    }
}
