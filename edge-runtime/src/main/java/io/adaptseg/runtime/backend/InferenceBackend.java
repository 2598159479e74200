package io.adaptseg.runtime.backend;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.runtime.provider.Placement;
import io.adaptseg.runtime.provider.ProviderOutcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One ONNX Runtime session on one model, whichever binding runs it. Owns its native resources;
 * {@link #close()} is idempotent. {@link #run} may be called from one thread at a time.
 */
public interface InferenceBackend extends AutoCloseable {
    BackendKind kind();

    /** The provider that runs the graph and why requested ones were skipped. */
    ProviderOutcome providers();

    /** Where ONNX Runtime placed the nodes, read from its profiler on the first run; empty before it. */
    Optional<Placement> placement();

    /** Per-operator-type times of the last profiled run, once the profiled runs are done; empty before. */
    Optional<OperatorTimes> operatorTimes();

    /** {@link Placement#toLine()}, or why the placement is not known. */
    String placementLine();

    List<TensorInfo> inputs();

    List<TensorInfo> outputs();

    /** The model's {@code metadata_props}. */
    Map<String, String> customMetadata();

    /**
     * Runs the model on one float32 input.
     *
     * @param input the input's name
     * @param data row-major values, exactly as many as {@code shape} describes
     * @param outputNames outputs to compute, in the order the result lists them
     * @throws AdaptsegException with ONNX Runtime's message when the run fails
     */
    Map<String, Tensor> run(String input, float[] data, long[] shape, List<String> outputNames) throws AdaptsegException;

    @Override
    void close();
}
