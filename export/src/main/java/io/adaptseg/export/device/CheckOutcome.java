package io.adaptseg.export.device;

import io.adaptseg.runtime.provider.ProviderKind;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The check's conclusion over every model: a provider that ran and disagreed (or failed) outweighs
 * everything; then an accelerator asked for that never ran; otherwise it passed. A spec of only
 * {@code cpu} asks for no accelerator: it compares a second CPU session with the first and passes when
 * they agree.
 *
 * @param line the sentence the report ends with
 */
public record CheckOutcome(Kind kind, String line) {
    /** What the command's exit code follows. */
    public enum Kind {
        PASSED,
        /** A provider that opened gave other labels than the CPU, or failed to run (exit 3). */
        DISAGREES,
        /** Accelerators were asked for and none ran a node (exit 1). */
        NO_ACCELERATOR
    }

    /** The conclusion over the reports of all checked models. */
    public static CheckOutcome of(List<DeviceCheck.ModelReport> reports, boolean askedForAccelerator) {
        Set<String> failing = new LinkedHashSet<>();
        Set<String> ran = new LinkedHashSet<>();
        Set<String> notRun = new LinkedHashSet<>();
        boolean anyOpened = false;
        for (DeviceCheck.ModelReport report : reports) {
            for (ProviderResult r : report.results()) {
                if (r.verdict().fails()) {
                    failing.add(r.spec() + " on " + report.model().name());
                }
                if (r.spec().kind() != ProviderKind.CPU) {
                    (r.acceleratorRan() ? ran : notRun).add(r.spec().toString());
                    anyOpened |= r.verdict() != ProviderResult.Verdict.NOT_OPENED;
                }
            }
        }
        if (!failing.isEmpty()) {
            return new CheckOutcome(Kind.DISAGREES, "result: " + String.join(", ", failing)
                    + " did not give the CPU's labels within the model's threshold (see the lines above)");
        }
        if (askedForAccelerator && ran.isEmpty()) {
            return new CheckOutcome(Kind.NO_ACCELERATOR, "result: no provider beyond the CPU "
                    + (anyOpened ? "ran a node" : "opened") + " (" + String.join(", ", notRun)
                    + "); the reasons are on their lines above");
        }
        if (!askedForAccelerator) {
            return new CheckOutcome(Kind.PASSED, "result: only the CPU was asked for; a second CPU session gives the"
                    + " first one's labels (name an accelerator, e.g. --providers cuda:0, to check one)");
        }
        notRun.removeAll(ran);
        return new CheckOutcome(Kind.PASSED, "result: " + String.join(", ", ran) + " ran and agree with the CPU"
                + (notRun.isEmpty() ? "" : "; not run: " + String.join(", ", notRun)));
    }
}
