package io.adaptseg.runtime;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.model.ModelMetadata;
import io.adaptseg.core.model.TensorNames;
import io.adaptseg.runtime.backend.BackendKind;
import io.adaptseg.runtime.backend.BackendOptions;
import io.adaptseg.runtime.backend.InferenceBackend;
import io.adaptseg.runtime.backend.OrtJavaBackend;
import io.adaptseg.runtime.backend.Tensor;
import io.adaptseg.runtime.backend.TensorInfo;
import io.adaptseg.runtime.nativeort.OrtNativeBackend;
import io.adaptseg.runtime.provider.ProviderOutcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An adaptseg model opened on one backend, checked against the model contract ({@link ModelMetadata},
 * {@link TensorNames}): input {@code image} float32 [N,3,H,W], outputs {@code logits} [N,C,h,w] and
 * {@code labels} [N,H,W]. Owns the backend.
 */
public final class SegmentationSession implements AutoCloseable {
    private final Path file;
    private final InferenceBackend backend;
    private final ModelMetadata model;

    private SegmentationSession(Path file, InferenceBackend backend, ModelMetadata model) {
        this.file = file;
        this.backend = backend;
        this.model = model;
    }

    /**
     * Opens {@code file} on the given backend.
     *
     * @throws AdaptsegException naming the file when it is missing, not an adaptseg model, or does
     *     not have the contract's inputs and outputs; or when a provider fails under fallback fail
     */
    public static SegmentationSession open(Path file, BackendKind kind, BackendOptions options) throws AdaptsegException {
        requireModelFile(file);
        InferenceBackend backend = kind == BackendKind.JAVA ? OrtJavaBackend.open(file, options)
                : OrtNativeBackend.open(file, options);
        try {
            ModelMetadata info = ModelMetadata.fromProperties(file.toString(), backend.customMetadata());
            checkContract(file, backend, info);
            return new SegmentationSession(file, backend, info);
        } catch (AdaptsegException | RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /**
     * Checks that {@code file} is a non-empty regular file: missing, folder and empty files get their
     * own words, not ONNX Runtime's parse errors.
     */
    public static void requireModelFile(Path file) throws AdaptsegException {
        if (java.nio.file.Files.isDirectory(file)) {
            throw new AdaptsegException(file + ": is a folder, expected an ONNX model file");
        }
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new AdaptsegException(file + ": model file not found");
        }
        try {
            if (java.nio.file.Files.size(file) == 0) {
                throw new AdaptsegException(file + ": the model file is empty (0 bytes); export it again");
            }
        } catch (java.io.IOException e) {
            throw new AdaptsegException(file + ": cannot read the model file (" + e.getMessage() + ")", e);
        }
    }

    private static void checkContract(Path file, InferenceBackend backend, ModelMetadata info) throws AdaptsegException {
        List<TensorInfo> inputs = backend.inputs();
        if (inputs.size() != 1 || !inputs.getFirst().name().equals(TensorNames.IMAGE) || !inputs.getFirst().elementType().equals("float")) {
            throw new AdaptsegException(file + ": the model must have one float input '" + TensorNames.IMAGE + "', found " + inputs);
        }
        List<String> outputs = backend.outputs().stream().map(TensorInfo::name).toList();
        if (!outputs.contains(TensorNames.LOGITS) || !outputs.contains(TensorNames.LABELS)) {
            throw new AdaptsegException(file + ": the model must have outputs '" + TensorNames.LOGITS + "' and '" + TensorNames.LABELS
                    + "', found " + outputs);
        }
        long channels = backend.outputs().stream().filter(t -> t.name().equals(TensorNames.LOGITS)).findFirst().orElseThrow().shape()[1];
        if (channels > 0 && channels != info.classes()) {
            throw new AdaptsegException(file + ": '" + TensorNames.LOGITS + "' has " + channels + " channels but the metadata names "
                    + info.classes() + " classes");
        }
    }

    /** The model file this session was opened from. */
    public Path file() {
        return file;
    }

    /** The model's contract, read from its metadata. */
    public ModelMetadata model() {
        return model;
    }

    public InferenceBackend backend() {
        return backend;
    }

    /** The provider that actually runs, and the problems with the ones requested before it. */
    public ProviderOutcome providers() {
        return backend.providers();
    }

    /**
     * Where ONNX Runtime placed the nodes, e.g. {@code placement: CPUExecutionProvider 58 nodes}: read
     * once per session from its profiler on the first run; before that, says so.
     */
    public String placementLine() {
        return backend.placementLine();
    }

    /**
     * Runs a normalised batch [n,3,h,w] and returns the requested outputs ({@link TensorNames#LOGITS},
     * {@link TensorNames#LABELS}) by name.
     */
    public Map<String, Tensor> run(float[] batch, int n, int h, int w, List<String> outputs) throws AdaptsegException {
        return backend.run(TensorNames.IMAGE, batch, new long[] {n, 3, h, w}, outputs);
    }

    @Override
    public void close() {
        backend.close();
    }
}
