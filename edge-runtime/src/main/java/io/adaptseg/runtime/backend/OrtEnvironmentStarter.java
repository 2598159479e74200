package io.adaptseg.runtime.backend;

/**
 * Something that must create ONNX Runtime's process-wide environment itself, with its own settings,
 * before anything else touches ONNX Runtime: registered in
 * {@code META-INF/services/io.adaptseg.runtime.backend.OrtEnvironmentStarter} and run once by
 * {@link OrtProcess#environment()}.
 */
public interface OrtEnvironmentStarter {
    /** Creates the environment (or does nothing when it cannot matter); must be idempotent. */
    void start();
}
