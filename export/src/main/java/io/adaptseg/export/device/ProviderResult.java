package io.adaptseg.export.device;

import io.adaptseg.runtime.provider.ProviderSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the check found for one provider of the spec, against the CPU reference on the same model and
 * input.
 *
 * @param detail why it did not open, or why its run failed; empty otherwise
 * @param placement the placement line (nodes per execution provider, from ONNX Runtime's profile)
 * @param agreement fraction of label pixels equal to the CPU's (NaN when it did not run)
 * @param maxAbsDlogit largest |logit difference| to the CPU (NaN when it did not run or shapes differ)
 * @param minAgreement the threshold of the model's precision
 * @param acceleratorRan whether a provider other than the CPU ran at least one node
 * @param cache the TensorRT engine cache, for tensorrt entries
 */
public record ProviderResult(ProviderSpec spec, Verdict verdict, String detail, String placement, double agreement,
                             double maxAbsDlogit, double minAgreement, double p50Millis, double cpuP50Millis,
                             boolean acceleratorRan, Optional<String> cache) {

    /** The verdict on one provider. */
    public enum Verdict {
        /** It ran and its labels agree with the CPU's within the model's threshold. */
        AGREES("agrees"),
        /** It ran and its labels differ from the CPU's by more than the threshold allows. */
        DISAGREES("DISAGREES"),
        /** The session opened but a run failed. */
        RUN_FAILED("FAILED"),
        /** The session could not be opened with this provider. */
        NOT_OPENED("unavailable");

        private final String word;

        Verdict(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        /** Whether this verdict fails the check (exit 3). */
        public boolean fails() {
            return this == DISAGREES || this == RUN_FAILED;
        }
    }

    /** A provider whose session did not open. */
    static ProviderResult notOpened(ProviderSpec spec, String reason, double minAgreement, Optional<String> cache) {
        return new ProviderResult(spec, Verdict.NOT_OPENED, reason, "", Double.NaN, Double.NaN, minAgreement,
                Double.NaN, Double.NaN, false, cache);
    }

    /**
     * The verdict for measured outputs: agreement at or above the precision's threshold, and logits of the
     * same shape (a provider that changes the shape computed something else).
     */
    public static Verdict judge(double agreement, boolean shapesMatch, double minAgreement) {
        return shapesMatch && agreement >= minAgreement ? Verdict.AGREES : Verdict.DISAGREES;
    }

    /** One line: the spec, whether it opened (or why not), placement, agreement, max |dlogit|, p50, cache, verdict. */
    public String toLine() {
        List<String> parts = new ArrayList<>();
        if (verdict == Verdict.NOT_OPENED) {
            parts.add("not opened: " + detail);
        } else {
            parts.add("opened");
            parts.add(placement + (acceleratorRan || spec.kind() == io.adaptseg.runtime.provider.ProviderKind.CPU
                    ? "" : " (no node ran on the accelerator)"));
            if (verdict == Verdict.RUN_FAILED) {
                parts.add("run failed: " + detail);
            } else {
                parts.add(String.format(Locale.ROOT, "agreement %.4f %% (needs %s %%), max |dlogit| %s", 100 * agreement,
                        DeviceCheck.percent(minAgreement), Double.isNaN(maxAbsDlogit) ? "- (logits shapes differ)"
                                : maxAbsDlogit == 0 ? "0" : String.format(Locale.ROOT, "%.3g", maxAbsDlogit)));
                // a second CPU session's speed against the first is only load noise; an accelerator's is the point
                parts.add("p50 " + millis(p50Millis) + " ms" + (spec.kind() == io.adaptseg.runtime.provider.ProviderKind.CPU ? ""
                        : String.format(Locale.ROOT, " (%.2fx the CPU's speed)", cpuP50Millis / p50Millis)));
            }
        }
        cache.ifPresent(parts::add);
        if (nearMissOnNvidia()) {
            parts.add("close to the threshold: NVIDIA GPUs round float32 products to TF32 by default;"
                    + " compare with cuda:N,use_tf32=0 to tell that rounding from a fault");
        }
        parts.add("verdict: " + verdict.word());
        return String.format("  %-24s %s", spec, String.join(" | ", parts));
    }

    /**
     * A float32 model that misses its threshold by a little on CUDA or TensorRT: the size of difference
     * TF32 arithmetic makes, which is not a fault of the provider.
     */
    private boolean nearMissOnNvidia() {
        boolean nvidia = spec.kind() == io.adaptseg.runtime.provider.ProviderKind.CUDA
                || spec.kind() == io.adaptseg.runtime.provider.ProviderKind.TENSORRT;
        double float16 = io.adaptseg.export.parity.Precision.FLOAT16.thresholds().minAgreement();
        return nvidia && verdict == Verdict.DISAGREES && minAgreement > float16 && agreement >= float16;
    }

    static String millis(double ms) {
        return String.format(Locale.ROOT, ms < 10 ? "%.2f" : "%.1f", ms);
    }
}
