package io.adaptseg.train.loop;

/**
 * When the loop counts a run as diverged and whether it stops then. A loss has diverged when its
 * magnitude, averaged over the last {@link DivergenceWatch#SMOOTHING} iterations, reaches
 * {@code factor} times the smallest non-zero such average of the last {@code window} iterations
 * (never less than {@link DivergenceWatch#FLOOR}); see docs/reference.md, "Divergence".
 */
public record DivergencePolicy(int window, double factor, boolean stop) {
    /** The config defaults: window 100, factor 100, warn. */
    public static final DivergencePolicy WARN = new DivergencePolicy(100, 100.0, false);

    public DivergencePolicy {
        if (window < 2 || !(factor > 1) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException("divergence needs window >= 2 and a finite factor > 1, found " + window + ", "
                    + factor);
        }
    }
}
