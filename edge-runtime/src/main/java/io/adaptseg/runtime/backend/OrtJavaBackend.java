package io.adaptseg.runtime.backend;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import ai.onnxruntime.providers.OrtTensorRTProviderOptions;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.runtime.provider.ExecutionProviders;
import io.adaptseg.runtime.provider.ProviderOutcome;
import io.adaptseg.runtime.provider.ProviderSpec;
import io.adaptseg.runtime.provider.ProviderUnavailableException;
import io.adaptseg.runtime.provider.SessionCreationException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The backend on the official {@code ai.onnxruntime} API (JNI): cpu, cuda and tensorrt. Inputs go
 * through one reused direct native-order buffer so ORT does not copy them (docs/stack.md).
 */
public final class OrtJavaBackend extends SessionBackend {
    private final OrtSession session;
    private FloatBuffer inputBuffer = FloatBuffer.allocate(0);

    /** ONNX Runtime's session config key that turns compute nodes placed on the CPU into an error. */
    public static final String DISABLE_CPU_EP_FALLBACK = "session.disable_cpu_ep_fallback";

    /** How one provider is appended to session options; a package-private seam for tests. */
    @FunctionalInterface
    interface Appender {
        void append(OrtSession.SessionOptions so, ProviderSpec spec) throws ProviderUnavailableException;
    }

    private OrtJavaBackend(OrtSession session, ProviderOutcome providers, Path profileDir, int profiledRuns)
            throws OrtException {
        super(BackendKind.JAVA, providers, describe(session.getInputInfo()), describe(session.getOutputInfo()),
                session.getMetadata().getCustomMetadata(), profileDir, profiledRuns);
        this.session = session;
    }

    /**
     * Opens a session on {@code model}.
     *
     * @throws AdaptsegException naming the model when it is missing or ORT rejects it, or when a
     *     provider cannot be appended or cannot create the session and the fallback policy is fail
     */
    public static OrtJavaBackend open(Path model, BackendOptions options) throws AdaptsegException {
        return open(model, options, OrtJavaBackend::append);
    }

    static OrtJavaBackend open(Path model, BackendOptions options, Appender appender) throws AdaptsegException {
        if (!Files.isRegularFile(model)) {
            throw new AdaptsegException(model + ": model file not found");
        }
        OrtEnvironment env = OrtProcess.environment();
        Path profiles = newProfileDir();
        try {
            ExecutionProviders.Opened<OrtSession> opened = options.providers().open((providers, strict) -> {
                try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
                    applyTuning(so, options.tuning());
                    if (options.intraOpThreads() > 0) {
                        so.setIntraOpNumThreads(options.intraOpThreads());
                    }
                    if (options.interOpThreads() > 0) {
                        so.setInterOpNumThreads(options.interOpThreads());
                    }
                    so.enableProfiling(profiles.resolve("placement").toString());
                    if (strict) {
                        so.addConfigEntry(DISABLE_CPU_EP_FALLBACK, "1");
                    }
                    for (ProviderSpec spec : providers) {
                        try {
                            appender.append(so, spec);
                        } catch (ProviderUnavailableException e) {
                            throw new ProviderUnavailableException(spec, e.getMessage(), e);
                        }
                    }
                    return env.createSession(model.toString(), so);
                } catch (OrtException e) {
                    throw new SessionCreationException(OrtMessages.clean(e.getMessage()), e);
                }
            }, "java");
            try {
                return new OrtJavaBackend(opened.session(), opened.outcome(), profiles, options.profiledRuns());
            } catch (OrtException e) {
                opened.session().close();
                throw new AdaptsegException(model + ": ONNX Runtime cannot describe the model: " + e.getMessage(), e);
            }
        } catch (AdaptsegException e) {
            deleteQuietly(profiles);
            throw new AdaptsegException(model + ": " + e.getMessage(), e);
        } catch (OrtException | RuntimeException e) {
            deleteQuietly(profiles);
            throw new AdaptsegException(model + ": ONNX Runtime cannot load the model: " + e.getMessage(), e);
        }
    }

    private static void applyTuning(OrtSession.SessionOptions so, SessionTuning tuning) throws OrtException {
        so.setOptimizationLevel(switch (tuning.optimization()) {
            case NONE -> OrtSession.SessionOptions.OptLevel.NO_OPT;
            case BASIC -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
            case EXTENDED -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
            case ALL -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
        });
        if (!tuning.spinning()) {
            so.addConfigEntry(SessionTuning.ALLOW_SPINNING, "0");
        }
        so.setMemoryPatternOptimization(tuning.memoryPattern());
        so.setCPUArenaAllocator(tuning.cpuArena());
        if (tuning.optimizedModel().isPresent()) {
            so.setOptimizedModelFilePath(tuning.optimizedModel().get().toString());
        }
    }

    /** The providers the ORT jar on the class path was built with, by ORT name. */
    public static List<String> availableProviders() {
        List<String> names = new ArrayList<>();
        for (var p : OrtEnvironment.getAvailableProviders()) {
            names.add(p.getName());
        }
        return names;
    }

    private static void append(OrtSession.SessionOptions so, ProviderSpec spec) throws ProviderUnavailableException {
        try {
            switch (spec.kind()) {
                case CPU -> so.addCPU(true);
                // appending copies the options into the session options, so the native options are closed here
                case CUDA -> {
                    try (OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(spec.deviceId())) {
                        for (var e : spec.options().entrySet()) {
                            cuda.add(e.getKey(), e.getValue());
                        }
                        so.addCUDA(cuda);
                    }
                }
                case TENSORRT -> {
                    try (OrtTensorRTProviderOptions trt = new OrtTensorRTProviderOptions(spec.deviceId())) {
                        for (var e : spec.options().entrySet()) {
                            trt.add(e.getKey(), e.getValue());
                        }
                        so.addTensorrt(trt);
                    }
                }
                case CANN -> throw new ProviderUnavailableException(
                        "ai.onnxruntime has no CANN support (no append method, and it rejects CANN-enabled libraries)");
            }
        } catch (OrtException | RuntimeException e) {
            throw new ProviderUnavailableException(OrtMessages.clean(e.getMessage()), e);
        }
    }

    private static List<TensorInfo> describe(Map<String, NodeInfo> nodes) {
        List<TensorInfo> list = new ArrayList<>();
        for (NodeInfo node : nodes.values()) {
            if (node.getInfo() instanceof ai.onnxruntime.TensorInfo t) {
                list.add(new TensorInfo(node.getName(), t.onnxType.name().replace("ONNX_TENSOR_ELEMENT_DATA_TYPE_", "").toLowerCase(java.util.Locale.ROOT), t.getShape()));
            } else {
                list.add(new TensorInfo(node.getName(), "non-tensor", new long[0]));
            }
        }
        return List.copyOf(list);
    }

    @Override
    protected Map<String, Tensor> runOpen(String input, float[] data, long[] shape, List<String> outputNames)
            throws AdaptsegException {
        if (inputBuffer.capacity() < data.length) {
            inputBuffer = ByteBuffer.allocateDirect(data.length * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }
        FloatBuffer buffer = inputBuffer.clear().put(data).flip();
        OrtEnvironment env = OrtProcess.environment();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, buffer, shape);
             OrtSession.Result result = session.run(Map.of(input, tensor), new LinkedHashSet<>(outputNames))) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (String name : outputNames) {
                OnnxValue value = result.get(name).orElseThrow(() -> new IllegalStateException("no output " + name));
                out.put(name, copy((OnnxTensor) value));
            }
            return out;
        } catch (OrtException e) {
            throw new AdaptsegException("ONNX Runtime run failed: " + e.getMessage(), e);
        }
    }

    private static Tensor copy(OnnxTensor tensor) {
        ai.onnxruntime.TensorInfo info = tensor.getInfo();
        long[] shape = info.getShape();
        int n = Tensor.elementCount(shape);
        switch (info.onnxType) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> {
                float[] values = new float[n];
                tensor.getFloatBuffer().get(values);
                return new Tensor.Floats(shape, values);
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> {
                LongBuffer longs = tensor.getLongBuffer();
                int[] values = new int[n];
                for (int i = 0; i < n; i++) {
                    values[i] = (int) longs.get(i);
                }
                return new Tensor.Ints(shape, values);
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> {
                ByteBuffer bytes = tensor.getByteBuffer();
                int[] values = new int[n];
                for (int i = 0; i < n; i++) {
                    values[i] = bytes.get(i) & 0xFF;
                }
                return new Tensor.Ints(shape, values);
            }
            default -> throw new IllegalStateException("unsupported output element type " + info.onnxType);
        }
    }

    @Override
    protected Path endProfiling() throws AdaptsegException {
        try {
            return Path.of(session.endProfiling());
        } catch (OrtException e) {
            throw new AdaptsegException("ending ONNX Runtime's profiling failed: " + e.getMessage(), e);
        }
    }

    @Override
    protected void release() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the ORT session failed: " + e.getMessage(), e);
        }
    }
}
