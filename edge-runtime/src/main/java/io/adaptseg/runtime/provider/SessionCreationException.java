package io.adaptseg.runtime.provider;

/** ONNX Runtime could not create a session (device initialisation, graph compilation, memory, a bad model). */
public final class SessionCreationException extends Exception {
    public SessionCreationException(String message, Throwable cause) {
        super(message, cause);
    }
}
