package io.adaptseg.train.optim;

/**
 * The reference schedule: {@code lr(it) = base * (1 - it/max)^power}, so the first iteration (it = 0)
 * runs at the base rate; with a warm-up of W iterations, {@code lr(it) = base * it / W} for it < W
 * (CLAN's preheat, which starts from 0).
 */
public record LearningRateSchedule(double base, long maxIterations, double power, long warmupIterations)
        implements RateSchedule {
    public LearningRateSchedule {
        if (!(base >= 0) || Double.isInfinite(base)) {
            throw new IllegalArgumentException("base learning rate must be >= 0, found " + base);
        }
        if (maxIterations <= 0) {
            throw new IllegalArgumentException("maxIterations must be positive, found " + maxIterations);
        }
        if (!(power >= 0)) {
            throw new IllegalArgumentException("power must be >= 0, found " + power);
        }
        if (warmupIterations < 0 || warmupIterations >= maxIterations) {
            throw new IllegalArgumentException("warmupIterations must be in [0, " + maxIterations + "), found " + warmupIterations);
        }
    }

    /** Poly schedule without warm-up. */
    public static LearningRateSchedule poly(double base, long maxIterations, double power) {
        return new LearningRateSchedule(base, maxIterations, power, 0);
    }

    @Override
    public double at(long it) {
        if (it < 0) {
            throw new IllegalArgumentException("iteration must be >= 0, found " + it);
        }
        if (it < warmupIterations) {
            return base * it / warmupIterations;
        }
        double remaining = Math.max(0.0, 1.0 - (double) it / maxIterations);
        return base * Math.pow(remaining, power);
    }
}
