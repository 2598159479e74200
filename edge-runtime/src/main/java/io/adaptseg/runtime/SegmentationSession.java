package io.adaptseg.runtime;

import io.adaptseg.core.AdaptsegException;
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
 * An adaptseg model opened on one backend, checked against the model contract: input
 * {@value #INPUT} float32 [N,3,H,W], outputs {@value #LOGITS} [N,C,h,w] and {@value #LABELS} [N,H,W].
 * Owns the backend.
 */
public final class SegmentationSession implements AutoCloseable {
    public static final String INPUT = "image";
    public static final String LOGITS = "logits";
    public static final String LABELS = "labels";

    private final InferenceBackend backend;
    private final ModelInfo model;

    private SegmentationSession(InferenceBackend backend, ModelInfo model) {
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
            ModelInfo info = ModelInfo.parse(file, backend.customMetadata());
            checkContract(file, backend, info);
            return new SegmentationSession(backend, info);
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

    private static void checkContract(Path file, InferenceBackend backend, ModelInfo info) throws AdaptsegException {
        List<TensorInfo> inputs = backend.inputs();
        if (inputs.size() != 1 || !inputs.getFirst().name().equals(INPUT) || !inputs.getFirst().elementType().equals("float")) {
            throw new AdaptsegException(file + ": the model must have one float input '" + INPUT + "', found " + inputs);
        }
        List<String> outputs = backend.outputs().stream().map(TensorInfo::name).toList();
        if (!outputs.contains(LOGITS) || !outputs.contains(LABELS)) {
            throw new AdaptsegException(file + ": the model must have outputs '" + LOGITS + "' and '" + LABELS
                    + "', found " + outputs);
        }
        long channels = backend.outputs().stream().filter(t -> t.name().equals(LOGITS)).findFirst().orElseThrow().shape()[1];
        if (channels > 0 && channels != info.classes()) {
            throw new AdaptsegException(file + ": '" + LOGITS + "' has " + channels + " channels but the metadata names "
                    + info.classes() + " classes");
        }
    }

    public ModelInfo model() {
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
     * Runs a normalised batch [n,3,h,w] and returns the requested outputs ({@link #LOGITS},
     * {@link #LABELS}) by name.
     */
    public Map<String, Tensor> run(float[] batch, int n, int h, int w, List<String> outputs) throws AdaptsegException {
        return backend.run(INPUT, batch, new long[] {n, 3, h, w}, outputs);
    }

    @Override
    public void close() {
        backend.close();
    }
}
