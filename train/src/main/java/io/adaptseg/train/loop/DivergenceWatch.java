package io.adaptseg.train.loop;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Watches every loss of a run for growth by orders of magnitude ({@link DivergencePolicy}). Losses
 * are compared by magnitude because some are negative (MaxSquare); the short average (over fewer
 * iterations at the start, so that a jump at iteration 1 is seen) keeps one bad batch from counting;
 * a loss of exactly zero (nothing to score yet, e.g. CAG before a pixel passes the threshold) sets no
 * minimum, and the floor keeps a loss that has gone to about zero from counting when it returns to
 * ordinary values. A non-finite loss is the loop's own, earlier stop.
 */
final class DivergenceWatch {
    /** Iterations averaged before comparing. */
    static final int SMOOTHING = 5;
    /** The smallest minimum a growth is measured from. */
    static final double FLOOR = 0.1;

    private final DivergencePolicy policy;
    private final Map<String, Deque<Double>> recent = new HashMap<>();
    private final Map<String, Deque<Double>> smoothed = new HashMap<>();
    private boolean reported;

    DivergenceWatch(DivergencePolicy policy) {
        this.policy = policy;
    }

    /**
     * Adds iteration {@code it}'s losses; returns a sentence describing the divergence the first
     * time one is seen, empty otherwise.
     */
    Optional<String> add(long it, Map<String, Double> losses) {
        Optional<String> found = Optional.empty();
        for (var e : losses.entrySet()) {
            Deque<Double> last = recent.computeIfAbsent(e.getKey(), k -> new ArrayDeque<>());
            last.addLast(Math.abs(e.getValue()));
            if (last.size() > SMOOTHING) {
                last.removeFirst();
            }
            double mean = last.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            Deque<Double> history = smoothed.computeIfAbsent(e.getKey(), k -> new ArrayDeque<>());
            history.addLast(mean);
            if (history.size() > policy.window()) {
                history.removeFirst();
            }
            double min = history.stream().mapToDouble(Double::doubleValue).filter(m -> m > 0).min().orElse(mean);
            double base = Math.max(min, FLOOR);
            if (!reported && found.isEmpty() && mean >= policy.factor() * base) {
                found = Optional.of(String.format(Locale.ROOT, "loss %s diverged at iteration %d: its mean over the last %d"
                        + " iterations is %.3g, %.0f times its minimum %.3g of the last %d iterations", e.getKey(), it,
                        last.size(), mean, mean / base, min, history.size()));
            }
        }
        if (found.isPresent()) {
            reported = true;
        }
        return found;
    }
}
