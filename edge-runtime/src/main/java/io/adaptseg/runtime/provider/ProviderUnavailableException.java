package io.adaptseg.runtime.provider;

import java.util.Optional;

/** A requested execution provider that this ONNX Runtime library or backend cannot use. */
public final class ProviderUnavailableException extends Exception {
    private final transient ProviderSpec spec;

    public ProviderUnavailableException(String message, Throwable cause) {
        this(null, message, cause);
    }

    public ProviderUnavailableException(String message) {
        this(null, message, null);
    }

    /** @param spec the provider that could not be appended */
    public ProviderUnavailableException(ProviderSpec spec, String message, Throwable cause) {
        super(message, cause);
        this.spec = spec;
    }

    /** The provider concerned, when the thrower knew it. */
    public Optional<ProviderSpec> spec() {
        return Optional.ofNullable(spec);
    }
}
