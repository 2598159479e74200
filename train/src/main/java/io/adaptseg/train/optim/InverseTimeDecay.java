package io.adaptseg.train.optim;

/**
 * The AdaIN reference's schedule ({@code adjust_learning_rate} in naoto0804/pytorch-AdaIN
 * {@code train.py}): {@code lr(it) = base / (1 + decay * it)}. It does not depend on the schedule
 * length, so training further after a finished run continues the same curve.
 */
public record InverseTimeDecay(double base, double decay) implements RateSchedule {
    public InverseTimeDecay {
        if (!(base >= 0) || Double.isInfinite(base)) {
            throw new IllegalArgumentException("base learning rate must be finite and >= 0, found " + base);
        }
        if (!(decay >= 0) || Double.isInfinite(decay)) {
            throw new IllegalArgumentException("learning-rate decay must be finite and >= 0, found " + decay);
        }
    }

    @Override
    public double at(long it) {
        if (it < 0) {
            throw new IllegalArgumentException("iteration must be >= 0, found " + it);
        }
        return base / (1.0 + decay * it);
    }
}
