package io.adaptseg.runtime.provider;

/** A requested execution provider that this ONNX Runtime library or backend cannot use. */
public final class ProviderUnavailableException extends Exception {
    public ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public ProviderUnavailableException(String message) {
        super(message);
    }
}
