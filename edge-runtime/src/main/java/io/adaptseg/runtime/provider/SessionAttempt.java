package io.adaptseg.runtime.provider;

import java.util.List;

/**
 * A backend's way of creating one session: fresh session options, the given providers appended in
 * order (ONNX Runtime adds the CPU provider last by itself), then the session. {@link
 * ExecutionProviders#open} calls it again with fewer providers when it fails and the policy allows.
 *
 * @param <S> the backend's native session
 */
@FunctionalInterface
public interface SessionAttempt<S> {
    /**
     * @param strictPlacement set ONNX Runtime's {@code session.disable_cpu_ep_fallback}, so that the
     *     session fails instead of running compute nodes on the CPU behind the accelerator's back
     * @throws ProviderUnavailableException naming the provider that could not be appended
     * @throws SessionCreationException with ONNX Runtime's reason when the providers were appended
     *     but the session could not be created
     */
    S create(List<ProviderSpec> providers, boolean strictPlacement)
            throws ProviderUnavailableException, SessionCreationException;
}
