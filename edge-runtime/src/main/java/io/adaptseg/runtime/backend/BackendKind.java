package io.adaptseg.runtime.backend;

import java.util.Locale;

/** Which ONNX Runtime binding runs a session. */
public enum BackendKind {
    /** {@code ai.onnxruntime} (JNI): cpu, cuda, tensorrt. */
    JAVA,
    /** The C API through the Foreign Function & Memory API: any provider the library has, CANN included. */
    NATIVE;

    /** Lower-case name as the command line writes it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "java" or "native" (the {@code --backend} option). */
    public static BackendKind parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "java" -> JAVA;
            case "native" -> NATIVE;
            default -> throw new IllegalArgumentException("unknown backend '" + value + "', expected java or native");
        };
    }
}
