package io.adaptseg.runtime.backend;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.runtime.provider.ProviderOutcome;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every backend holds once its session is open: the model's description (providers, inputs,
 * outputs, metadata), the checks each run makes before touching native code, and the idempotent
 * close. Subclasses own the native session: they run it ({@link #runOpen}) and release it
 * ({@link #release}), both under this object's lock.
 */
public abstract class SessionBackend implements InferenceBackend {
    private final BackendKind kind;
    private final ProviderOutcome providers;
    private final List<TensorInfo> inputs;
    private final List<TensorInfo> outputs;
    private final Map<String, String> metadata;
    private boolean closed;

    protected SessionBackend(BackendKind kind, ProviderOutcome providers, List<TensorInfo> inputs,
            List<TensorInfo> outputs, Map<String, String> metadata) {
        this.kind = kind;
        this.providers = providers;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    @Override
    public final BackendKind kind() {
        return kind;
    }

    @Override
    public final ProviderOutcome providers() {
        return providers;
    }

    @Override
    public final List<TensorInfo> inputs() {
        return inputs;
    }

    @Override
    public final List<TensorInfo> outputs() {
        return outputs;
    }

    @Override
    public final Map<String, String> customMetadata() {
        return metadata;
    }

    @Override
    public final synchronized Map<String, Tensor> run(String input, float[] data, long[] shape,
            List<String> outputNames) throws AdaptsegException {
        if (closed) {
            throw new IllegalStateException("backend is closed");
        }
        if (data.length != Tensor.elementCount(shape)) {
            throw new IllegalArgumentException(data.length + " input values for shape " + Arrays.toString(shape));
        }
        return runOpen(input, data, shape, outputNames);
    }

    /**
     * Runs the open session on an input whose length matches its shape.
     *
     * @throws AdaptsegException with ONNX Runtime's message when the run fails
     */
    protected abstract Map<String, Tensor> runOpen(String input, float[] data, long[] shape, List<String> outputNames)
            throws AdaptsegException;

    @Override
    public final synchronized void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }

    /** Releases the native session and whatever else the subclass owns; called once. */
    protected abstract void release();
}
