package io.adaptseg.export;

import ai.djl.engine.Engine;
import io.adaptseg.runtime.backend.OrtProcess;
import java.util.LinkedHashMap;
import java.util.Map;

/** Versions of the code and libraries involved in an export, for provenance. */
public final class Versions {
    private Versions() {
    }

    /** The adaptseg version from the jar manifest, or "dev" when run from classes. */
    public static String adaptseg() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** adaptseg, DJL, PyTorch, ONNX Runtime and Java versions. */
    public static Map<String, String> all() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("adaptseg", adaptseg());
        out.put("djl", Engine.getDjlVersion());
        out.put("pytorch", Engine.getEngine("PyTorch").getVersion());
        out.put("onnxruntime", OrtProcess.environment().getVersion());
        out.put("java", Runtime.version().toString());
        return out;
    }
}
