package io.adaptseg.train.optim;

/** A learning rate per 0-based iteration: the segmenters' poly schedule or AdaIN's inverse-time decay. */
public interface RateSchedule {
    /** The learning rate of 0-based iteration {@code it}. */
    double at(long it);
}
