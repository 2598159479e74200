package io.adaptseg.runtime.backend;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.FileTrees;
import io.adaptseg.runtime.provider.Placement;
import io.adaptseg.runtime.provider.ProviderOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every backend holds once its session is open: the model's description (providers, inputs,
 * outputs, metadata), the checks each run makes before touching native code, and the idempotent
 * close. Subclasses own the native session: they run it ({@link #runOpen}) and release it
 * ({@link #release}), both under this object's lock.
 *
 * <p>Placement: sessions are created with ONNX Runtime's profiler writing into a private folder; the
 * first run's profile says which provider ran each node ({@link Placement}), then profiling ends, so
 * later runs pay nothing. The folder is deleted once the profile is read, or at close. Benchmarks
 * profile more runs ({@link BackendOptions#profiledRuns()}) to read the operator times of a warm run
 * ({@link OperatorTimes}).
 */
public abstract class SessionBackend implements InferenceBackend {
    private final BackendKind kind;
    private final ProviderOutcome providers;
    private final List<TensorInfo> inputs;
    private final List<TensorInfo> outputs;
    private final Map<String, String> metadata;
    private final Path profileDir;
    private final int profiledRuns;
    private int runs;
    private Optional<Placement> placement = Optional.empty();
    private Optional<OperatorTimes> operatorTimes = Optional.empty();
    private String placementProblem = "the session has not run yet";
    private boolean profileRead;
    private boolean closed;

    /**
     * @param profileDir the folder the session's profiler writes to; this object deletes it
     * @param profiledRuns how many runs the profile covers before it is read
     */
    protected SessionBackend(BackendKind kind, ProviderOutcome providers, List<TensorInfo> inputs,
            List<TensorInfo> outputs, Map<String, String> metadata, Path profileDir, int profiledRuns) {
        this.profileDir = profileDir;
        this.profiledRuns = profiledRuns;
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
        Map<String, Tensor> out = runOpen(input, data, shape, outputNames);
        runs++;
        if (!profileRead && runs >= profiledRuns) {
            profileRead = true;
            readPlacement();
        }
        return out;
    }

    private void readPlacement() {
        try {
            Path profile = endProfiling();
            placement = Optional.of(Placement.fromProfile(profile));
            operatorTimes = Optional.of(OperatorTimes.lastRun(profile));
        } catch (IOException | AdaptsegException | RuntimeException e) {
            placementProblem = "ONNX Runtime's profile could not be read: " + e.getMessage();
        } finally {
            deleteProfiles();
        }
    }

    @Override
    public final synchronized Optional<Placement> placement() {
        return placement;
    }

    @Override
    public final synchronized Optional<OperatorTimes> operatorTimes() {
        return operatorTimes;
    }

    @Override
    public final synchronized String placementLine() {
        return placement.map(Placement::toLine).orElse("placement: unknown (" + placementProblem + ")");
    }

    /**
     * Ends the session's profiling and returns the profile file it wrote.
     *
     * @throws AdaptsegException with ONNX Runtime's message
     */
    protected abstract Path endProfiling() throws AdaptsegException;

    /** A fresh folder for a session's profiler. */
    protected static Path newProfileDir() throws AdaptsegException {
        try {
            return Files.createTempDirectory("adaptseg-placement-");
        } catch (IOException e) {
            throw new AdaptsegException("cannot create a folder for ONNX Runtime's profile in "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a profile folder, quietly: a leftover temporary file is not worth failing a run for. */
    protected static void deleteQuietly(Path dir) {
        try {
            FileTrees.delete(dir);
        } catch (IOException | RuntimeException e) {
            // left in the temporary folder
        }
    }

    private void deleteProfiles() {
        deleteQuietly(profileDir);
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
            try {
                release();
            } finally {
                // a session released before its first run writes its profile at release; a release that
                // throws must not leave the folder behind either
                deleteProfiles();
            }
        }
    }

    /** Releases the native session and whatever else the subclass owns; called once. */
    protected abstract void release();
}
