package io.adaptseg.bench;

import java.util.Arrays;

/** Percentiles (nearest rank) of a list of latencies in milliseconds. */
public record LatencyStats(double p50, double p95, double p99, double mean) {
    public static LatencyStats of(double[] millis) {
        if (millis.length == 0) {
            throw new IllegalArgumentException("no latencies");
        }
        double[] s = millis.clone();
        Arrays.sort(s);
        return new LatencyStats(rank(s, 0.50), rank(s, 0.95), rank(s, 0.99), Arrays.stream(s).average().orElseThrow());
    }

    private static double rank(double[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
