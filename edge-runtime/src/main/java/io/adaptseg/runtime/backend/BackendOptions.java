package io.adaptseg.runtime.backend;

import io.adaptseg.runtime.provider.ExecutionProviders;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How to open a backend: providers and fallback, thread counts (0 = ONNX Runtime's default), for
 * the native backend the libonnxruntime to load (empty = the one inside the ORT jar), the session's
 * speed settings, and how many runs ONNX Runtime's profiler records (the first gives the placement;
 * benchmarks record more to time the operators of a warm run).
 */
public record BackendOptions(ExecutionProviders providers, int intraOpThreads, int interOpThreads,
                             Optional<Path> ortLibrary, SessionTuning tuning, int profiledRuns) {
    public BackendOptions {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be >= 0, found intra " + intraOpThreads
                    + ", inter " + interOpThreads);
        }
        if (profiledRuns < 1) {
            throw new IllegalArgumentException("profiled runs must be >= 1, found " + profiledRuns);
        }
    }

    /** ONNX Runtime's default session settings, the first run profiled. */
    public BackendOptions(ExecutionProviders providers, int intraOpThreads, int interOpThreads, Optional<Path> ortLibrary) {
        this(providers, intraOpThreads, interOpThreads, ortLibrary, SessionTuning.DEFAULTS, 1);
    }

    /** CPU, default threads, the jar's library. */
    public static BackendOptions cpu() {
        return new BackendOptions(ExecutionProviders.CPU_ONLY, 0, 0, Optional.empty());
    }

    public BackendOptions withProviders(ExecutionProviders p) {
        return new BackendOptions(p, intraOpThreads, interOpThreads, ortLibrary, tuning, profiledRuns);
    }

    public BackendOptions withThreads(int intra) {
        return new BackendOptions(providers, intra, interOpThreads, ortLibrary, tuning, profiledRuns);
    }

    public BackendOptions withOrtLibrary(Path library) {
        return new BackendOptions(providers, intraOpThreads, interOpThreads, Optional.of(library), tuning, profiledRuns);
    }

    public BackendOptions withTuning(SessionTuning t) {
        return new BackendOptions(providers, intraOpThreads, interOpThreads, ortLibrary, t, profiledRuns);
    }

    public BackendOptions withProfiledRuns(int runs) {
        return new BackendOptions(providers, intraOpThreads, interOpThreads, ortLibrary, tuning, runs);
    }
}
