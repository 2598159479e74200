package io.adaptseg.export;

import io.adaptseg.core.model.ParityFigures;
import io.adaptseg.export.parity.DatasetResult;
import io.adaptseg.export.parity.ParityReport;
import io.adaptseg.export.parity.Precision;
import io.adaptseg.export.parity.SizeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The export's parity chain: the float32 ONNX model proven against the trained network (DJL) once, then
 * a float16 or int8 model proven against that float32 model on ONNX Runtime, on the same inputs, with its
 * own precision's thresholds. A forward of a large network costs ten times more in DJL than in ONNX Runtime
 * on a CPU, so each input pays for it once, not once per precision.
 *
 * @param float32 the float32 model against the network
 * @param reduced the float16 or int8 model against the float32 model; empty for a float32 export, or
 *     when the float32 link failed (nothing is proven past it)
 */
public record ParityChain(ParityReport float32, Optional<ParityReport> reduced) {
    /** True when every link ran and passed. */
    public boolean passed(Precision precision) {
        return float32.passed() && (precision == Precision.FLOAT32 || reduced.isPresent() && reduced.get().passed());
    }

    /** Each link's report, the float32 one first. */
    public List<ParityReport> reports() {
        List<ParityReport> all = new ArrayList<>(List.of(float32));
        reduced.ifPresent(all::add);
        return all;
    }

    /**
     * The figures the written model's metadata carries: those of its own link, and for a float16 or int8
     * model what its float32 reference was proven to against the network, in {@code checked_on}.
     */
    public ParityFigures figures(Precision precision) {
        ParityFigures first = figures(float32, Precision.FLOAT32);
        if (reduced.isEmpty()) {
            return first;
        }
        ParityFigures last = figures(reduced.get(), precision);
        return new ParityFigures(last.precision(), last.agreement(), last.maxAbsDlogit(), last.minAgreement(),
                String.format(Locale.ROOT, "%s against the float32 model (itself against the network: agreement"
                        + " %.4f %%, max |dlogit| %.3g on %s)", last.checkedOn(), 100 * first.agreement(),
                        first.maxAbsDlogit(), first.checkedOn()));
    }

    /** The figures of one link: the worst of every judged comparison. */
    static ParityFigures figures(ParityReport report, Precision precision) {
        double agreement = 1;
        double maxDelta = 0;
        List<String> on = new ArrayList<>();
        for (SizeResult s : report.sizes()) {
            if (!s.judged()) {
                continue; // reported in the table, not a figure the model was proven to
            }
            agreement = Math.min(agreement, s.agreement());
            maxDelta = Math.max(maxDelta, s.maxAbsDelta());
            on.add(s.inputs().equals(SizeResult.IMAGES) ? s.label() : "random " + s.label());
        }
        DatasetResult d = report.dataset();
        if (d != null) {
            agreement = Math.min(agreement, Math.min(d.onnxAgreement(), d.runtimeAgreement()));
            maxDelta = Math.max(maxDelta, d.maxAbsDelta());
            on.add(d.images() + " images (" + d.layout() + ")");
        }
        // NaN deltas (mismatched shapes) must not read as a clean 0
        return new ParityFigures(precision.id(), agreement, Double.isNaN(maxDelta) ? Double.MAX_VALUE : maxDelta,
                report.thresholds().minAgreement(), String.join(" + ", on));
    }
}
