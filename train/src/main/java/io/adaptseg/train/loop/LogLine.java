package io.adaptseg.train.loop;

import java.util.Locale;
import java.util.Map;

/**
 * The reference scripts' console line, e.g.
 * {@code iter =    11925/  250000, loss_seg1 = 0.274274 loss_seg2 = 0.194496 ... time:0.933252}.
 * The iteration printed is 0-based and the total is num-steps, as in the references.
 */
public final class LogLine {
    private LogLine() {
    }

    public static String format(long iteration, long numSteps, Map<String, Double> losses, double seconds) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "iter = %8d/%8d,", iteration, numSteps));
        losses.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s = %.6f", k, v)));
        sb.append(String.format(Locale.ROOT, " time:%.6f", seconds));
        return sb.toString();
    }
}
