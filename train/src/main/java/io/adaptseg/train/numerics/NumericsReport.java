package io.adaptseg.train.numerics;

import java.util.List;
import java.util.Objects;

/**
 * Which convolution route this process uses, why, and what checking each route found.
 *
 * @param signature the machine the verdicts hold for
 * @param verdicts one per route checked (empty when a route was forced and none was ever checked)
 * @param route the route in effect
 * @param reason why that route
 * @param checkedAt when the verdicts were measured (ISO-8601)
 * @param source where the verdicts came from: "checked now", "cached in FILE", or "forced by …"
 */
public record NumericsReport(CpuSignature signature, List<RouteVerdict> verdicts, String route, String reason,
        String checkedAt, String source) {
    public NumericsReport {
        Objects.requireNonNull(signature, "signature");
        verdicts = List.copyOf(verdicts);
        Objects.requireNonNull(route, "route");
    }

    /** The verdict of the route in effect, if it was checked. */
    public java.util.Optional<RouteVerdict> verdictOfRoute() {
        return verdicts.stream().filter(v -> v.route().equals(route)).findFirst();
    }

    /** The same report, saying where it was read from. */
    NumericsReport withSource(String newSource) {
        return new NumericsReport(signature, verdicts, route, reason, checkedAt, newSource);
    }

    /** The same verdicts with another route in effect. */
    NumericsReport withRoute(String newRoute, String newReason, String newSource) {
        return new NumericsReport(signature, verdicts, newRoute, newReason, checkedAt, newSource);
    }

    /**
     * One sentence for a training that met NaN: whether the route in effect passed the check, so the
     * user can tell a machine problem from a training problem.
     */
    public String sentenceForNonFiniteLoss() {
        var verdict = verdictOfRoute();
        if (verdict.isPresent() && verdict.get().passed()) {
            return "the numerics self-check passed on this CPU (convolution route " + route
                    + "), so the machine computes correct gradients: the cause is the training itself,"
                    + " try a lower learning-rate";
        }
        if (verdict.isPresent()) {
            return "the numerics self-check FAILED on this CPU for the route in use (" + route + ": "
                    + verdict.get().detail() + "): the cause is likely the machine, see 'adaptseg doctor'";
        }
        return "the convolution route " + route + " was not checked on this CPU (" + source
                + "): run 'adaptseg doctor' to check it; if it passes, try a lower learning-rate";
    }
}
