package io.adaptseg.train.numerics;

import java.util.Objects;

/**
 * What checking one {@link ConvolutionRoute} on this machine found.
 *
 * @param route the route's id
 * @param outcome whether it computed the right numbers, wrong ones, or crashed
 * @param worstError the largest relative error of any output or gradient; -1 when non-finite or not run
 * @param worstCase where the largest error came from
 * @param stepMillis median time of {@link RouteTiming}'s step; -1 when not timed (wrong or crashed)
 * @param detail a sentence for people (the signal and frame of a crash, for example)
 */
public record RouteVerdict(String route, Outcome outcome, double worstError, String worstCase, double stepMillis,
        String detail) {
    /** How the check of a route ended. */
    public enum Outcome {
        /** Every output and gradient within tolerance. */
        PASSED,
        /** A result outside tolerance or non-finite. */
        WRONG,
        /** The checking process died (a SIGFPE in oneDNN, for example) or did not answer. */
        CRASHED,
        /** The route cannot be set up in this process (no libtorch symbols, not Linux). */
        UNAVAILABLE
    }

    public RouteVerdict {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(outcome, "outcome");
        worstCase = worstCase == null ? "" : worstCase;
        detail = detail == null ? "" : detail;
    }

    /** Whether training may use this route. */
    public boolean passed() {
        return outcome == Outcome.PASSED;
    }
}
