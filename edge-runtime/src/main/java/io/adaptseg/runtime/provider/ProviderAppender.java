package io.adaptseg.runtime.provider;

/** A backend's way of appending one provider to its session options. */
@FunctionalInterface
public interface ProviderAppender {
    /**
     * Appends the provider.
     *
     * @throws ProviderUnavailableException with ONNX Runtime's message when the library cannot use it
     */
    void append(ProviderSpec spec) throws ProviderUnavailableException;
}
