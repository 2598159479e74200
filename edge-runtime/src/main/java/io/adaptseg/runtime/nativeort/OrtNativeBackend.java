package io.adaptseg.runtime.nativeort;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.runtime.backend.BackendKind;
import io.adaptseg.runtime.backend.BackendOptions;
import io.adaptseg.runtime.backend.OrtJavaBackend;
import io.adaptseg.runtime.backend.OrtMessages;
import io.adaptseg.runtime.backend.SessionBackend;
import io.adaptseg.runtime.backend.Tensor;
import io.adaptseg.runtime.backend.TensorInfo;
import io.adaptseg.runtime.provider.ExecutionProviders;
import io.adaptseg.runtime.provider.ProviderOutcome;
import io.adaptseg.runtime.provider.ProviderSpec;
import io.adaptseg.runtime.provider.ProviderUnavailableException;
import io.adaptseg.runtime.provider.SessionCreationException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backend on the ONNX Runtime C API through FFM: any execution provider the library was built
 * with (CANN for Ascend included) and IoBinding (the input is bound from a reused off-heap buffer;
 * outputs are allocated by ORT at the shape the run produces, then copied to Java arrays).
 */
public final class OrtNativeBackend extends SessionBackend {
    private static final int ONNX_FLOAT = 1;
    private static final int ONNX_UINT8 = 2;
    private static final int ONNX_INT32 = 6;
    private static final int ONNX_INT64 = 7;

    private final OrtApi api;
    private final OrtValueCalls values;
    private final MemorySegment session;
    private final MemorySegment binding;
    private Arena inputArena = Arena.ofShared();
    private MemorySegment inputBuffer = MemorySegment.NULL;

    /** How one provider is appended to session options; a package-private seam for tests. */
    @FunctionalInterface
    interface Appender {
        void append(OrtApi api, MemorySegment sessionOptions, ProviderSpec spec) throws ProviderUnavailableException;
    }

    private OrtNativeBackend(OrtApi api, MemorySegment session, ProviderOutcome providers, Path profileDir,
            int profiledRuns) throws OrtNativeException {
        super(BackendKind.NATIVE, providers, describe(api.sessions(), session, true),
                describe(api.sessions(), session, false), api.sessions().customMetadata(session), profileDir,
                profiledRuns);
        this.api = api;
        this.values = api.values();
        this.session = session;
        this.binding = values.createIoBinding(session);
    }

    /**
     * Opens a session on {@code model} with the library in {@code options} (or the jar's).
     *
     * @throws AdaptsegException naming the model or library when either cannot be used, or when a
     *     provider cannot be appended or cannot create the session and the fallback policy is fail
     */
    public static OrtNativeBackend open(Path model, BackendOptions options) throws AdaptsegException {
        return open(model, options, OrtNativeBackend::append);
    }

    static OrtNativeBackend open(Path model, BackendOptions options, Appender appender) throws AdaptsegException {
        if (!Files.isRegularFile(model)) {
            throw new AdaptsegException(model + ": model file not found");
        }
        OrtApi api = OrtLibraries.load(options.ortLibrary());
        OrtSessionCalls sessions = api.sessions();
        Path profiles = newProfileDir();
        ExecutionProviders.Opened<MemorySegment> opened;
        try {
            opened = options.providers().open((providers, strict) -> {
                MemorySegment sessionOptions;
                try {
                    sessionOptions = sessions.createSessionOptions();
                } catch (OrtNativeException e) {
                    throw new SessionCreationException(OrtMessages.clean(e.getMessage()), e);
                }
                try {
                    sessions.setThreads(sessionOptions, options.intraOpThreads(), options.interOpThreads());
                    sessions.applyTuning(sessionOptions, options.tuning());
                    sessions.enableProfiling(sessionOptions, profiles.resolve("placement"));
                    if (strict) {
                        sessions.addSessionConfigEntry(sessionOptions, OrtJavaBackend.DISABLE_CPU_EP_FALLBACK, "1");
                    }
                    for (ProviderSpec spec : providers) {
                        try {
                            appender.append(api, sessionOptions, spec);
                        } catch (ProviderUnavailableException e) {
                            throw new ProviderUnavailableException(spec, e.getMessage(), e);
                        }
                    }
                    return sessions.createSession(model, sessionOptions);
                } catch (OrtNativeException e) {
                    throw new SessionCreationException(OrtMessages.clean(e.getMessage()), e);
                } finally {
                    sessions.releaseSessionOptions(sessionOptions);
                }
            }, "native");
        } catch (AdaptsegException e) {
            deleteQuietly(profiles);
            throw new AdaptsegException(model + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(profiles);
            throw new AdaptsegException(model + ": ONNX Runtime cannot load the model: " + e.getMessage(), e);
        }
        try {
            return new OrtNativeBackend(api, opened.session(), opened.outcome(), profiles, options.profiledRuns());
        } catch (OrtNativeException | RuntimeException e) {
            sessions.releaseSession(opened.session());
            deleteQuietly(profiles);
            throw e;
        }
    }


    /** ORT's providers for a library, by ORT name (the library is loaded if needed). */
    public static List<String> availableProviders(java.util.Optional<Path> library) throws AdaptsegException {
        return OrtLibraries.load(library).availableProviders();
    }

    private static void append(OrtApi api, MemorySegment sessionOptions, ProviderSpec spec)
            throws ProviderUnavailableException {
        try {
            switch (spec.kind()) {
                case CPU -> {
                    // the CPU provider is always registered last by ORT itself
                }
                case CUDA -> api.sessions().appendCuda(sessionOptions, spec.options());
                case TENSORRT -> api.sessions().appendTensorRt(sessionOptions, spec.options());
                case CANN -> api.sessions().appendCann(sessionOptions, spec.options());
            }
        } catch (OrtNativeException e) {
            throw new ProviderUnavailableException(e.getMessage() + " (library " + api.library() + ")", e);
        }
    }

    private static List<TensorInfo> describe(OrtSessionCalls sessions, MemorySegment session, boolean input)
            throws OrtNativeException {
        long n = sessions.count(session, input);
        List<TensorInfo> list = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            String name = sessions.name(session, input, i);
            OrtApi.TypeAndShape ts = sessions.typeInfo(session, input, i);
            String type = ts.elementType() < 0 ? "non-tensor" : TensorInfo.elementTypeName(ts.elementType());
            list.add(new TensorInfo(name, type, ts.dims()));
        }
        return List.copyOf(list);
    }

    /** The library this session runs on. */
    public Path library() {
        return api.library();
    }

    @Override
    protected Map<String, Tensor> runOpen(String input, float[] data, long[] shape, List<String> outputNames)
            throws AdaptsegException {
        long bytes = (long) data.length * Float.BYTES;
        if (inputBuffer.byteSize() < bytes) {
            inputArena.close();
            inputArena = Arena.ofShared();
            inputBuffer = inputArena.allocate(bytes, 64);
        }
        MemorySegment inputData = inputBuffer.asSlice(0, bytes);
        MemorySegment.copy(data, 0, inputData, JAVA_FLOAT, 0, data.length);
        try (Arena call = Arena.ofConfined()) {
            MemorySegment value = values.createTensor(inputData, shape, ONNX_FLOAT, call);
            try {
                values.bindInput(binding, call.allocateFrom(input), value);
                for (String name : outputNames) {
                    values.bindOutputToCpu(binding, call.allocateFrom(name));
                }
                values.runWithBinding(session, binding);
                List<MemorySegment> outputs = values.boundOutputValues(binding);
                try {
                    Map<String, Tensor> out = new LinkedHashMap<>();
                    for (int i = 0; i < outputNames.size(); i++) {
                        out.put(outputNames.get(i), copy(values.view(outputs.get(i))));
                    }
                    return out;
                } finally {
                    outputs.forEach(values::releaseValue);
                }
            } finally {
                values.clearBindings(binding);
                values.releaseValue(value);
            }
        } catch (OrtNativeException e) {
            throw new AdaptsegException("ONNX Runtime run failed: " + e.getMessage(), e);
        }
    }

    private static Tensor copy(OrtValueCalls.TensorView view) {
        int n = Tensor.elementCount(view.shape());
        switch (view.elementType()) {
            case ONNX_FLOAT -> {
                float[] values = new float[n];
                MemorySegment.copy(view.data().reinterpret((long) n * Float.BYTES), JAVA_FLOAT, 0, values, 0, n);
                return new Tensor.Floats(view.shape(), values);
            }
            case ONNX_INT64 -> {
                MemorySegment src = view.data().reinterpret((long) n * Long.BYTES);
                int[] values = new int[n];
                for (int i = 0; i < n; i++) {
                    values[i] = (int) src.getAtIndex(JAVA_LONG, i);
                }
                return new Tensor.Ints(view.shape(), values);
            }
            case ONNX_INT32 -> {
                int[] values = new int[n];
                MemorySegment.copy(view.data().reinterpret((long) n * Integer.BYTES),
                        java.lang.foreign.ValueLayout.JAVA_INT, 0, values, 0, n);
                return new Tensor.Ints(view.shape(), values);
            }
            case ONNX_UINT8 -> {
                MemorySegment src = view.data().reinterpret(n);
                int[] values = new int[n];
                for (int i = 0; i < n; i++) {
                    values[i] = src.get(JAVA_BYTE, i) & 0xFF;
                }
                return new Tensor.Ints(view.shape(), values);
            }
            default -> throw new IllegalStateException("unsupported output element type "
                    + TensorInfo.elementTypeName(view.elementType()));
        }
    }

    @Override
    protected Path endProfiling() throws AdaptsegException {
        try {
            return api.sessions().endProfiling(session);
        } catch (OrtNativeException e) {
            throw new AdaptsegException("ending ONNX Runtime's profiling failed: " + e.getMessage(), e);
        }
    }

    @Override
    protected void release() {
        values.releaseIoBinding(binding);
        api.sessions().releaseSession(session);
        inputArena.close();
    }
}
