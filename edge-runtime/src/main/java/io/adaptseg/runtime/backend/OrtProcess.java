package io.adaptseg.runtime.backend;

import ai.onnxruntime.OrtEnvironment;
import java.util.ServiceLoader;

/**
 * The one way adaptseg obtains ONNX Runtime's process-wide {@link OrtEnvironment}. ONNX Runtime keeps
 * one environment per process, and whoever creates it first fixes its settings: DJL's OnnxRuntime
 * engine creates it with global thread pools and fails when a plain environment already exists
 * (docs/stack.md, "One process-wide OrtEnvironment"). So before the first environment exists, every
 * {@link OrtEnvironmentStarter} on the class path runs (export registers one that starts DJL's
 * engine); with none present, the plain environment is created. Callers never need to know the order.
 */
public final class OrtProcess {
    private static OrtEnvironment environment;

    private OrtProcess() {
    }

    /** The process-wide environment, created after the registered starters ran. */
    public static synchronized OrtEnvironment environment() {
        if (environment == null) {
            for (OrtEnvironmentStarter starter : ServiceLoader.load(OrtEnvironmentStarter.class)) {
                starter.start();
            }
            environment = OrtEnvironment.getEnvironment();
        }
        return environment;
    }
}
