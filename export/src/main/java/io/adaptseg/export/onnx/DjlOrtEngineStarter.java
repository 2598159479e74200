package io.adaptseg.export.onnx;

import ai.djl.engine.Engine;
import io.adaptseg.runtime.backend.OrtEnvironmentStarter;

/**
 * Starts DJL's OnnxRuntime engine, which insists on creating ONNX Runtime's process-wide environment
 * itself; registered as a service so that {@link io.adaptseg.runtime.backend.OrtProcess} runs it
 * before any other ONNX Runtime use in a JVM that has this module.
 */
public final class DjlOrtEngineStarter implements OrtEnvironmentStarter {
    @Override
    public void start() {
        Engine.getEngine("OnnxRuntime");
    }
}
