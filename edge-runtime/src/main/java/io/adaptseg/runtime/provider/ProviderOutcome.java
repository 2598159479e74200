package io.adaptseg.runtime.provider;

import java.util.List;

/**
 * What a session ended up running on: the first provider that could be appended (ONNX Runtime
 * gives it the nodes it supports; the CPU provider takes the rest) and why the earlier ones failed.
 */
public record ProviderOutcome(ProviderKind active, List<String> problems) {
    public ProviderOutcome {
        problems = List.copyOf(problems);
    }

    /** True when a requested provider was skipped. */
    public boolean fellBack() {
        return !problems.isEmpty();
    }
}
