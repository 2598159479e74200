package io.adaptseg.train.numerics;

import java.util.Objects;

/**
 * What the numerics check found for one compute device (a GPU; the CPU's routes have {@link
 * NumericsReport}), as cached under the numerics cache folder.
 *
 * @param device the device as the config writes it, e.g. gpu:0
 * @param signature what the verdict holds for: the device's properties and the libtorch, CUDA and cuDNN versions
 * @param tolerance the relative error accepted (larger where TF32 convolutions are allowed)
 * @param verdict the outcome, worst error and where it came from
 * @param checkedAt when it was measured (ISO-8601)
 * @param source "checked now" or "cached in FILE"
 */
public record DeviceVerdict(String device, String signature, double tolerance, RouteVerdict verdict, String checkedAt,
        String source) {
    public DeviceVerdict {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(verdict, "verdict");
    }

    /** Whether training on the device computes correct gradients. */
    public boolean passed() {
        return verdict.passed();
    }

    DeviceVerdict withSource(String newSource) {
        return new DeviceVerdict(device, signature, tolerance, verdict, checkedAt, newSource);
    }

    /** One line for people, e.g. "gpu:0: PASSED, worst relative error 3.1e-04 (tolerance 5.0e-03), cached in …". */
    public String describe() {
        String error = verdict.worstError() < 0 ? "non-finite or not run"
                : String.format(java.util.Locale.ROOT, "worst relative error %.1e", verdict.worstError());
        return String.format(java.util.Locale.ROOT, "%s: %s, %s (tolerance %.1e)%s; %s", device, verdict.outcome(), error,
                tolerance, verdict.worstCase().isEmpty() ? "" : " in " + verdict.worstCase(), source);
    }
}
