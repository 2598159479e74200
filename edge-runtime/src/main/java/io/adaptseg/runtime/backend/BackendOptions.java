package io.adaptseg.runtime.backend;

import io.adaptseg.runtime.provider.ExecutionProviders;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How to open a backend: providers and fallback, thread counts (0 = ONNX Runtime's default) and,
 * for the native backend, the libonnxruntime to load (empty = the one inside the ORT jar).
 */
public record BackendOptions(ExecutionProviders providers, int intraOpThreads, int interOpThreads,
                             Optional<Path> ortLibrary) {
    public BackendOptions {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be >= 0, found intra " + intraOpThreads
                    + ", inter " + interOpThreads);
        }
    }

    /** CPU, default threads, the jar's library. */
    public static BackendOptions cpu() {
        return new BackendOptions(ExecutionProviders.CPU_ONLY, 0, 0, Optional.empty());
    }

    public BackendOptions withProviders(ExecutionProviders p) {
        return new BackendOptions(p, intraOpThreads, interOpThreads, ortLibrary);
    }

    public BackendOptions withThreads(int intra) {
        return new BackendOptions(providers, intra, interOpThreads, ortLibrary);
    }

    public BackendOptions withOrtLibrary(Path library) {
        return new BackendOptions(providers, intraOpThreads, interOpThreads, Optional.of(library));
    }
}
