package io.adaptseg.runtime.nativeort;

import static io.adaptseg.runtime.nativeort.OrtApi.status;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.adaptseg.runtime.backend.SessionTuning;
import io.adaptseg.runtime.nativeort.OrtApi.TypeAndShape;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The session calls of one {@link OrtApi} table: session options and execution providers, creating
 * and releasing sessions, and what a session says about its model (inputs, outputs, custom
 * metadata). Errors come back as {@link OrtNativeException} through {@link OrtApi#check}.
 */
final class OrtSessionCalls {
    // 0-based slots in struct OrtApi (ORT 1.29), see OrtApi
    private static final int CREATE_SESSION = 7;
    private static final int CREATE_SESSION_OPTIONS = 10;
    private static final int SET_OPTIMIZED_MODEL_FILE_PATH = 11;
    private static final int ENABLE_PROFILING = 14;
    private static final int ENABLE_MEM_PATTERN = 16;
    private static final int DISABLE_MEM_PATTERN = 17;
    private static final int ENABLE_CPU_MEM_ARENA = 18;
    private static final int DISABLE_CPU_MEM_ARENA = 19;
    private static final int SET_SESSION_GRAPH_OPTIMIZATION_LEVEL = 23;
    private static final int SET_INTRA_OP_NUM_THREADS = 24;
    private static final int SET_INTER_OP_NUM_THREADS = 25;
    private static final int SESSION_GET_INPUT_COUNT = 30;
    private static final int SESSION_GET_OUTPUT_COUNT = 31;
    private static final int SESSION_GET_INPUT_TYPE_INFO = 33;
    private static final int SESSION_GET_OUTPUT_TYPE_INFO = 34;
    private static final int SESSION_GET_INPUT_NAME = 36;
    private static final int SESSION_GET_OUTPUT_NAME = 37;
    private static final int CAST_TYPE_INFO_TO_TENSOR_INFO = 55;
    private static final int RELEASE_SESSION = 95;
    private static final int RELEASE_TYPE_INFO = 98;
    private static final int RELEASE_SESSION_OPTIONS = 100;
    private static final int SESSION_END_PROFILING = 110;
    private static final int SESSION_GET_MODEL_METADATA = 111;
    private static final int MODEL_METADATA_LOOKUP_CUSTOM_METADATA_MAP = 116;
    private static final int RELEASE_MODEL_METADATA = 118;
    private static final int MODEL_METADATA_GET_CUSTOM_METADATA_MAP_KEYS = 123;
    private static final int ADD_SESSION_CONFIG_ENTRY = 130;
    private static final int APPEND_TENSORRT_V2 = 170;
    private static final int CREATE_TENSORRT_OPTIONS = 171;
    private static final int UPDATE_TENSORRT_OPTIONS = 172;
    private static final int RELEASE_TENSORRT_OPTIONS = 174;
    private static final int APPEND_CUDA_V2 = 204;
    private static final int CREATE_CUDA_OPTIONS = 205;
    private static final int UPDATE_CUDA_OPTIONS = 206;
    private static final int RELEASE_CUDA_OPTIONS = 208;
    private static final int APPEND_CANN = 220;
    private static final int CREATE_CANN_OPTIONS = 221;
    private static final int UPDATE_CANN_OPTIONS = 222;
    private static final int RELEASE_CANN_OPTIONS = 224;

    private final OrtApi api;

    OrtSessionCalls(OrtApi api) {
        this.api = api;
    }

    // ---- session options and execution providers

    MemorySegment createSessionOptions() throws OrtNativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            api.check("CreateSessionOptions", api.call(CREATE_SESSION_OPTIONS, status(ADDRESS), out));
            return out.get(ADDRESS, 0);
        }
    }

    void releaseSessionOptions(MemorySegment options) {
        api.release(RELEASE_SESSION_OPTIONS, options);
    }

    void setThreads(MemorySegment options, int intra, int inter) throws OrtNativeException {
        if (intra > 0) {
            api.check("SetIntraOpNumThreads", api.call(SET_INTRA_OP_NUM_THREADS, status(ADDRESS, JAVA_INT), options, intra));
        }
        if (inter > 0) {
            api.check("SetInterOpNumThreads", api.call(SET_INTER_OP_NUM_THREADS, status(ADDRESS, JAVA_INT), options, inter));
        }
    }

    /** The speed settings, as {@code OrtJavaBackend} applies them through the Java binding. */
    void applyTuning(MemorySegment options, SessionTuning tuning) throws OrtNativeException {
        api.check("SetSessionGraphOptimizationLevel", api.call(SET_SESSION_GRAPH_OPTIMIZATION_LEVEL,
                status(ADDRESS, JAVA_INT), options, tuning.optimization().level()));
        if (!tuning.spinning()) {
            addSessionConfigEntry(options, SessionTuning.ALLOW_SPINNING, "0");
        }
        api.check(tuning.memoryPattern() ? "EnableMemPattern" : "DisableMemPattern",
                api.call(tuning.memoryPattern() ? ENABLE_MEM_PATTERN : DISABLE_MEM_PATTERN, status(ADDRESS), options));
        api.check(tuning.cpuArena() ? "EnableCpuMemArena" : "DisableCpuMemArena",
                api.call(tuning.cpuArena() ? ENABLE_CPU_MEM_ARENA : DISABLE_CPU_MEM_ARENA, status(ADDRESS), options));
        if (tuning.optimizedModel().isPresent()) {
            try (Arena arena = Arena.ofConfined()) {
                api.check("SetOptimizedModelFilePath", api.call(SET_OPTIMIZED_MODEL_FILE_PATH, status(ADDRESS, ADDRESS),
                        options, arena.allocateFrom(tuning.optimizedModel().get().toString())));
            }
        }
    }
    /** Profiles the session's runs into {@code <prefix>_<date>.json} (ORTCHAR_T is char on Linux). */
    void enableProfiling(MemorySegment options, Path prefix) throws OrtNativeException {
        try (Arena arena = Arena.ofConfined()) {
            api.check("EnableProfiling", api.call(ENABLE_PROFILING, status(ADDRESS, ADDRESS), options,
                    arena.allocateFrom(prefix.toString())));
        }
    }

    /** A session config entry such as {@code session.disable_cpu_ep_fallback}. */
    void addSessionConfigEntry(MemorySegment options, String key, String value) throws OrtNativeException {
        try (Arena arena = Arena.ofConfined()) {
            api.check("AddSessionConfigEntry", api.call(ADD_SESSION_CONFIG_ENTRY, status(ADDRESS, ADDRESS, ADDRESS),
                    options, arena.allocateFrom(key), arena.allocateFrom(value)));
        }
    }

    /** Ends profiling and returns the file the profile was written to. */
    Path endProfiling(MemorySegment session) throws OrtNativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            api.check("SessionEndProfiling", api.call(SESSION_END_PROFILING, status(ADDRESS, ADDRESS, ADDRESS), session,
                    api.allocator(), out));
            return Path.of(api.takeString(out.get(ADDRESS, 0)));
        }
    }


    void appendCuda(MemorySegment options, Map<String, String> providerOptions) throws OrtNativeException {
        appendWithOptions("CUDA", options, providerOptions,
                CREATE_CUDA_OPTIONS, UPDATE_CUDA_OPTIONS, APPEND_CUDA_V2, RELEASE_CUDA_OPTIONS);
    }

    void appendTensorRt(MemorySegment options, Map<String, String> providerOptions) throws OrtNativeException {
        appendWithOptions("TensorRT", options, providerOptions,
                CREATE_TENSORRT_OPTIONS, UPDATE_TENSORRT_OPTIONS, APPEND_TENSORRT_V2, RELEASE_TENSORRT_OPTIONS);
    }

    void appendCann(MemorySegment options, Map<String, String> providerOptions) throws OrtNativeException {
        appendWithOptions("CANN", options, providerOptions,
                CREATE_CANN_OPTIONS, UPDATE_CANN_OPTIONS, APPEND_CANN, RELEASE_CANN_OPTIONS);
    }

    /** The Create/Update/Append/Release sequence the C API uses for CUDA V2, TensorRT V2 and CANN. */
    private void appendWithOptions(String provider, MemorySegment sessionOptions, Map<String, String> providerOptions,
                                   int create, int update, int append, int releaseSlot) throws OrtNativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            api.check("Create" + provider + "ProviderOptions", api.call(create, status(ADDRESS), out));
            MemorySegment providerStruct = out.get(ADDRESS, 0);
            try {
                int n = providerOptions.size();
                if (n > 0) {
                    MemorySegment keys = arena.allocate(ADDRESS, n);
                    MemorySegment values = arena.allocate(ADDRESS, n);
                    int i = 0;
                    for (var e : providerOptions.entrySet()) {
                        keys.setAtIndex(ADDRESS, i, arena.allocateFrom(e.getKey()));
                        values.setAtIndex(ADDRESS, i, arena.allocateFrom(e.getValue()));
                        i++;
                    }
                    api.check("Update" + provider + "ProviderOptions", api.call(update,
                            status(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG), providerStruct, keys, values, (long) n));
                }
                api.check("SessionOptionsAppendExecutionProvider_" + provider,
                        api.call(append, status(ADDRESS, ADDRESS), sessionOptions, providerStruct));
            } finally {
                api.release(releaseSlot, providerStruct);
            }
        }
    }

    // ---- sessions

    MemorySegment createSession(Path model, MemorySegment options) throws OrtNativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            api.check("CreateSession", api.call(CREATE_SESSION, status(ADDRESS, ADDRESS, ADDRESS, ADDRESS),
                    api.env(), arena.allocateFrom(model.toString()), options, out));
            return out.get(ADDRESS, 0);
        }
    }

    void releaseSession(MemorySegment session) {
        api.release(RELEASE_SESSION, session);
    }

    long count(MemorySegment session, boolean inputs) throws OrtNativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_LONG);
            api.check("SessionGet" + (inputs ? "Input" : "Output") + "Count", api.call(
                    inputs ? SESSION_GET_INPUT_COUNT : SESSION_GET_OUTPUT_COUNT, status(ADDRESS, ADDRESS), session, out));
            return out.get(JAVA_LONG, 0);
        }
    }

    String name(MemorySegment session, boolean input, long index) throws OrtNativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            api.check("SessionGet" + (input ? "Input" : "Output") + "Name", api.call(
                    input ? SESSION_GET_INPUT_NAME : SESSION_GET_OUTPUT_NAME,
                    status(ADDRESS, JAVA_LONG, ADDRESS, ADDRESS), session, index, api.allocator(), out));
            return api.takeString(out.get(ADDRESS, 0));
        }
    }

    TypeAndShape typeInfo(MemorySegment session, boolean input, long index) throws OrtNativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            api.check("SessionGetTypeInfo", api.call(input ? SESSION_GET_INPUT_TYPE_INFO : SESSION_GET_OUTPUT_TYPE_INFO,
                    status(ADDRESS, JAVA_LONG, ADDRESS), session, index, out));
            MemorySegment typeInfo = out.get(ADDRESS, 0);
            try {
                api.check("CastTypeInfoToTensorInfo", api.call(CAST_TYPE_INFO_TO_TENSOR_INFO, status(ADDRESS, ADDRESS),
                        typeInfo, out));
                MemorySegment tensorInfo = out.get(ADDRESS, 0);
                if (tensorInfo.equals(MemorySegment.NULL)) {
                    return new TypeAndShape(-1, new long[0]);
                }
                return api.typeAndShape(tensorInfo, arena);
            } finally {
                api.release(RELEASE_TYPE_INFO, typeInfo);
            }
        }
    }

    Map<String, String> customMetadata(MemorySegment session) throws OrtNativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            api.check("SessionGetModelMetadata", api.call(SESSION_GET_MODEL_METADATA, status(ADDRESS, ADDRESS), session, out));
            MemorySegment metadata = out.get(ADDRESS, 0);
            try {
                MemorySegment count = arena.allocate(JAVA_LONG);
                api.check("ModelMetadataGetCustomMetadataMapKeys", api.call(MODEL_METADATA_GET_CUSTOM_METADATA_MAP_KEYS,
                        status(ADDRESS, ADDRESS, ADDRESS, ADDRESS), metadata, api.allocator(), out, count));
                List<String> keys = new ArrayList<>();
                for (MemorySegment key : api.takePointers(out.get(ADDRESS, 0), count.get(JAVA_LONG, 0))) {
                    keys.add(api.takeString(key));
                }
                Map<String, String> map = new java.util.TreeMap<>();
                for (String key : keys) {
                    api.check("ModelMetadataLookupCustomMetadataMap", api.call(MODEL_METADATA_LOOKUP_CUSTOM_METADATA_MAP,
                            status(ADDRESS, ADDRESS, ADDRESS, ADDRESS), metadata, api.allocator(), arena.allocateFrom(key), out));
                    MemorySegment value = out.get(ADDRESS, 0);
                    map.put(key, value.equals(MemorySegment.NULL) ? "" : api.takeString(value));
                }
                return map;
            } finally {
                api.release(RELEASE_MODEL_METADATA, metadata);
            }
        }
    }
}
