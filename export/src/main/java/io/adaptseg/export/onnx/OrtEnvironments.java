package io.adaptseg.export.onnx;

import ai.djl.engine.Engine;
import ai.onnxruntime.OrtEnvironment;

/**
 * The one way this module obtains an {@link OrtEnvironment}. DJL's OnnxRuntime engine creates the
 * process-wide environment with global thread pools and fails if a plain environment already exists
 * (docs/stack.md, "Ordering pitfall"); starting DJL's engine first makes both usable in one JVM.
 */
public final class OrtEnvironments {
    private OrtEnvironments() {
    }

    /** The process-wide environment, created through DJL's OnnxRuntime engine. */
    public static OrtEnvironment get() {
        Engine.getEngine("OnnxRuntime");
        return OrtEnvironment.getEnvironment();
    }
}
