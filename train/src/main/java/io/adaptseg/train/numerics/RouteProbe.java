package io.adaptseg.train.numerics;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The child-process side of the numerics check: {@code java ... RouteProbe <route>} sets the route up
 * before PyTorch's first convolution, runs {@link ConvolutionCheck} and, when it passed, {@link
 * RouteTiming}, and prints one line {@value #PREFIX} followed by the {@link RouteVerdict} as JSON.
 * A route that crashes kills only this process; the parent reads that from the exit status.
 */
public final class RouteProbe {
    /** Marks the verdict line among whatever else the engine prints. */
    public static final String PREFIX = "ADAPTSEG-NUMERICS-VERDICT ";

    private RouteProbe() {
    }

    /** Entry point of the child JVM. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1 || ConvolutionRoute.byId(args[0]).isEmpty()) {
            System.err.println("usage: RouteProbe <route>, one of " + ConvolutionRoute.ids());
            System.exit(2);
        }
        ConvolutionRoute route = ConvolutionRoute.byId(args[0]).orElseThrow();
        RouteVerdict verdict = probe(route);
        System.out.println(PREFIX + new ObjectMapper().writeValueAsString(verdict));
        System.out.flush();
        System.exit(0);
    }

    /** Sets {@code route} up in this process, checks it and times it. */
    static RouteVerdict probe(ConvolutionRoute route) {
        try {
            RouteSetup.apply(route);
        } catch (RuntimeException e) {
            return new RouteVerdict(route.id(), RouteVerdict.Outcome.UNAVAILABLE, -1, "", -1, e.getMessage());
        }
        ConvolutionCheck.Result result = ConvolutionCheck.run();
        double error = Double.isFinite(result.worstError()) ? result.worstError() : -1;
        if (!result.passed()) {
            String what = error < 0 ? "non-finite values" : String.format("relative error %.2e", error);
            return new RouteVerdict(route.id(), RouteVerdict.Outcome.WRONG, error, result.worstCase(), -1,
                    what + " in " + result.worstCase() + " (tolerance " + ConvolutionCheck.TOLERANCE + ")");
        }
        double ms = RouteTiming.stepMillis();
        return new RouteVerdict(route.id(), RouteVerdict.Outcome.PASSED, error, result.worstCase(), ms,
                "PyTorch " + Engine.getEngine("PyTorch").getVersion());
    }
}
