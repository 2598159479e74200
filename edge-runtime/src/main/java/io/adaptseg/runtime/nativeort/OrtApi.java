package io.adaptseg.runtime.nativeort;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code OrtApi} function table of one loaded libonnxruntime, with typed wrappers for the calls
 * adaptseg makes. Every wrapper that returns an {@code OrtStatus*} turns a non-null status into an
 * {@link OrtNativeException} carrying ORT's code and message (and releases the status).
 *
 * <p>Slots are 0-based indices into {@code struct OrtApi} of ORT_API_VERSION 29, counted member by
 * member from the 1.29 {@code onnxruntime_c_api.h} (and matching the verified slots in docs/stack.md). A
 * wrong slot calls the wrong function and may crash the JVM, so each is named after its function.
 */
final class OrtApi {
    static final int API_VERSION = 29;

    // 0-based slots in struct OrtApi (ORT 1.29)
    private static final int GET_ERROR_CODE = 1;
    private static final int GET_ERROR_MESSAGE = 2;
    private static final int CREATE_ENV = 3;
    private static final int CREATE_SESSION = 7;
    private static final int CREATE_SESSION_OPTIONS = 10;
    private static final int ENABLE_PROFILING = 14;
    private static final int SET_SESSION_GRAPH_OPTIMIZATION_LEVEL = 23;
    private static final int SET_INTRA_OP_NUM_THREADS = 24;
    private static final int SET_INTER_OP_NUM_THREADS = 25;
    private static final int SESSION_GET_INPUT_COUNT = 30;
    private static final int SESSION_GET_OUTPUT_COUNT = 31;
    private static final int SESSION_GET_INPUT_TYPE_INFO = 33;
    private static final int SESSION_GET_OUTPUT_TYPE_INFO = 34;
    private static final int SESSION_GET_INPUT_NAME = 36;
    private static final int SESSION_GET_OUTPUT_NAME = 37;
    private static final int CREATE_TENSOR_WITH_DATA_AS_ORT_VALUE = 49;
    private static final int GET_TENSOR_MUTABLE_DATA = 51;
    private static final int CAST_TYPE_INFO_TO_TENSOR_INFO = 55;
    private static final int GET_TENSOR_ELEMENT_TYPE = 60;
    private static final int GET_DIMENSIONS_COUNT = 61;
    private static final int GET_DIMENSIONS = 62;
    private static final int GET_TENSOR_TYPE_AND_SHAPE = 65;
    private static final int CREATE_CPU_MEMORY_INFO = 69;
    private static final int ALLOCATOR_FREE = 76;
    private static final int GET_ALLOCATOR_WITH_DEFAULT_OPTIONS = 78;
    private static final int RELEASE_STATUS = 93;
    private static final int RELEASE_MEMORY_INFO = 94;
    private static final int RELEASE_SESSION = 95;
    private static final int RELEASE_VALUE = 96;
    private static final int RELEASE_TYPE_INFO = 98;
    private static final int RELEASE_TENSOR_TYPE_AND_SHAPE_INFO = 99;
    private static final int RELEASE_SESSION_OPTIONS = 100;
    private static final int SESSION_END_PROFILING = 110;
    private static final int SESSION_GET_MODEL_METADATA = 111;
    private static final int MODEL_METADATA_LOOKUP_CUSTOM_METADATA_MAP = 116;
    private static final int RELEASE_MODEL_METADATA = 118;
    private static final int MODEL_METADATA_GET_CUSTOM_METADATA_MAP_KEYS = 123;
    private static final int GET_AVAILABLE_PROVIDERS = 125;
    private static final int ADD_SESSION_CONFIG_ENTRY = 130;
    private static final int RELEASE_AVAILABLE_PROVIDERS = 126;
    private static final int RUN_WITH_BINDING = 133;
    private static final int CREATE_IO_BINDING = 134;
    private static final int RELEASE_IO_BINDING = 135;
    private static final int BIND_INPUT = 136;
    private static final int BIND_OUTPUT_TO_DEVICE = 138;
    private static final int GET_BOUND_OUTPUT_VALUES = 140;
    private static final int CLEAR_BOUND_INPUTS = 141;
    private static final int CLEAR_BOUND_OUTPUTS = 142;
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
    private static final int GET_BUILD_INFO_STRING = 254;
    private static final int SLOT_COUNT = 255;

    /** ORT_LOGGING_LEVEL_WARNING. */
    private static final int LOG_WARNING = 2;
    /** ORT_ENABLE_ALL. */
    private static final int ENABLE_ALL_OPTIMIZATIONS = 99;
    /** OrtArenaAllocator, OrtMemTypeDefault. */
    private static final int ARENA_ALLOCATOR = 1;
    private static final int MEM_TYPE_DEFAULT = 0;

    private final Linker linker = Linker.nativeLinker();
    private final Path library;
    private final String version;
    private final MemorySegment table;
    private final Map<Integer, MethodHandle> handles = new ConcurrentHashMap<>();
    private final MemorySegment env;
    private final MemorySegment cpuMemory;
    private final MemorySegment allocator;

    /** Wraps a table from {@code GetApi}; creates the library's one environment (it lives as long as the process). */
    OrtApi(Path library, String version, MemorySegment table) throws OrtNativeException {
        this.library = library;
        this.version = version;
        this.table = table.reinterpret((long) SLOT_COUNT * ADDRESS.byteSize());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            check("CreateEnv", call(CREATE_ENV, status(JAVA_INT, ADDRESS, ADDRESS), LOG_WARNING,
                    arena.allocateFrom("adaptseg"), out));
            this.env = out.get(ADDRESS, 0);
            check("CreateCpuMemoryInfo", call(CREATE_CPU_MEMORY_INFO, status(JAVA_INT, JAVA_INT, ADDRESS),
                    ARENA_ALLOCATOR, MEM_TYPE_DEFAULT, out));
            this.cpuMemory = out.get(ADDRESS, 0);
            check("GetAllocatorWithDefaultOptions", call(GET_ALLOCATOR_WITH_DEFAULT_OPTIONS, status(ADDRESS), out));
            this.allocator = out.get(ADDRESS, 0);
        }
    }

    Path library() {
        return library;
    }

    String version() {
        return version;
    }

    MemorySegment env() {
        return env;
    }

    MemorySegment cpuMemory() {
        return cpuMemory;
    }

    private static FunctionDescriptor status(java.lang.foreign.MemoryLayout... args) {
        return FunctionDescriptor.of(ADDRESS, args);
    }

    private MethodHandle handle(int slot, FunctionDescriptor descriptor) {
        return handles.computeIfAbsent(slot, s -> {
            MemorySegment fn = table.getAtIndex(ADDRESS, s);
            if (fn.equals(MemorySegment.NULL)) {
                throw new IllegalStateException("OrtApi slot " + s + " is empty in " + library);
            }
            return linker.downcallHandle(fn, descriptor);
        });
    }

    private Object invoke(int slot, FunctionDescriptor descriptor, Object... args) {
        try {
            return handle(slot, descriptor).invokeWithArguments(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("downcall to OrtApi slot " + slot + " failed", t);
        }
    }

    private MemorySegment call(int slot, FunctionDescriptor descriptor, Object... args) {
        return (MemorySegment) invoke(slot, descriptor, args);
    }

    private void release(int slot, MemorySegment object) {
        if (!object.equals(MemorySegment.NULL)) {
            invoke(slot, FunctionDescriptor.ofVoid(ADDRESS), object);
        }
    }

    /** Throws ORT's error for a non-null status, after releasing it. */
    void check(String operation, MemorySegment status) throws OrtNativeException {
        if (status.equals(MemorySegment.NULL)) {
            return;
        }
        int code = (int) invoke(GET_ERROR_CODE, FunctionDescriptor.of(JAVA_INT, ADDRESS), status);
        MemorySegment message = call(GET_ERROR_MESSAGE, FunctionDescriptor.of(ADDRESS, ADDRESS), status);
        String text = cString(message);
        release(RELEASE_STATUS, status);
        throw new OrtNativeException(operation, OrtNativeException.codeName(code), text);
    }

    static String cString(MemorySegment pointer) {
        return pointer.equals(MemorySegment.NULL) ? "" : pointer.reinterpret(Long.MAX_VALUE).getString(0);
    }

    // ---- library-wide queries

    List<String> availableProviders() throws OrtNativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            MemorySegment count = arena.allocate(JAVA_INT);
            check("GetAvailableProviders", call(GET_AVAILABLE_PROVIDERS, status(ADDRESS, ADDRESS), out, count));
            int n = count.get(JAVA_INT, 0);
            MemorySegment array = out.get(ADDRESS, 0).reinterpret(n * ADDRESS.byteSize());
            List<String> names = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                names.add(cString(array.getAtIndex(ADDRESS, i)));
            }
            check("ReleaseAvailableProviders", call(RELEASE_AVAILABLE_PROVIDERS, status(ADDRESS, JAVA_INT),
                    out.get(ADDRESS, 0), n));
            return names;
        }
    }

    String buildInfo() {
        return cString(call(GET_BUILD_INFO_STRING, FunctionDescriptor.of(ADDRESS)));
    }

    // ---- session options and execution providers

    MemorySegment createSessionOptions() throws OrtNativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            check("CreateSessionOptions", call(CREATE_SESSION_OPTIONS, status(ADDRESS), out));
            return out.get(ADDRESS, 0);
        }
    }

    void releaseSessionOptions(MemorySegment options) {
        release(RELEASE_SESSION_OPTIONS, options);
    }

    void setThreads(MemorySegment options, int intra, int inter) throws OrtNativeException {
        if (intra > 0) {
            check("SetIntraOpNumThreads", call(SET_INTRA_OP_NUM_THREADS, status(ADDRESS, JAVA_INT), options, intra));
        }
        if (inter > 0) {
            check("SetInterOpNumThreads", call(SET_INTER_OP_NUM_THREADS, status(ADDRESS, JAVA_INT), options, inter));
        }
        check("SetSessionGraphOptimizationLevel", call(SET_SESSION_GRAPH_OPTIMIZATION_LEVEL,
                status(ADDRESS, JAVA_INT), options, ENABLE_ALL_OPTIMIZATIONS));
    }

    /** Profiles the session's runs into {@code <prefix>_<date>.json} (ORTCHAR_T is char on Linux). */
    void enableProfiling(MemorySegment options, Path prefix) throws OrtNativeException {
        try (Arena arena = Arena.ofConfined()) {
            check("EnableProfiling", call(ENABLE_PROFILING, status(ADDRESS, ADDRESS), options,
                    arena.allocateFrom(prefix.toString())));
        }
    }

    /** A session config entry such as {@code session.disable_cpu_ep_fallback}. */
    void addSessionConfigEntry(MemorySegment options, String key, String value) throws OrtNativeException {
        try (Arena arena = Arena.ofConfined()) {
            check("AddSessionConfigEntry", call(ADD_SESSION_CONFIG_ENTRY, status(ADDRESS, ADDRESS, ADDRESS), options,
                    arena.allocateFrom(key), arena.allocateFrom(value)));
        }
    }

    /** Ends profiling and returns the file the profile was written to. */
    Path endProfiling(MemorySegment session) throws OrtNativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            check("SessionEndProfiling", call(SESSION_END_PROFILING, status(ADDRESS, ADDRESS, ADDRESS), session,
                    allocator, out));
            return Path.of(takeString(out.get(ADDRESS, 0)));
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
            check("Create" + provider + "ProviderOptions", call(create, status(ADDRESS), out));
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
                    check("Update" + provider + "ProviderOptions", call(update,
                            status(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG), providerStruct, keys, values, (long) n));
                }
                check("SessionOptionsAppendExecutionProvider_" + provider,
                        call(append, status(ADDRESS, ADDRESS), sessionOptions, providerStruct));
            } finally {
                release(releaseSlot, providerStruct);
            }
        }
    }

    // ---- sessions

    MemorySegment createSession(Path model, MemorySegment options) throws OrtNativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            check("CreateSession", call(CREATE_SESSION, status(ADDRESS, ADDRESS, ADDRESS, ADDRESS),
                    env, arena.allocateFrom(model.toString()), options, out));
            return out.get(ADDRESS, 0);
        }
    }

    void releaseSession(MemorySegment session) {
        release(RELEASE_SESSION, session);
    }

    long count(MemorySegment session, boolean inputs) throws OrtNativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_LONG);
            check("SessionGet" + (inputs ? "Input" : "Output") + "Count", call(
                    inputs ? SESSION_GET_INPUT_COUNT : SESSION_GET_OUTPUT_COUNT, status(ADDRESS, ADDRESS), session, out));
            return out.get(JAVA_LONG, 0);
        }
    }

    String name(MemorySegment session, boolean input, long index) throws OrtNativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            check("SessionGet" + (input ? "Input" : "Output") + "Name", call(
                    input ? SESSION_GET_INPUT_NAME : SESSION_GET_OUTPUT_NAME,
                    status(ADDRESS, JAVA_LONG, ADDRESS, ADDRESS), session, index, allocator, out));
            return takeString(out.get(ADDRESS, 0));
        }
    }

    /** Element type (ONNX number, -1 for non-tensors) and dims of an input or output. */
    record TypeAndShape(int elementType, long[] dims) {
    }

    TypeAndShape typeInfo(MemorySegment session, boolean input, long index) throws OrtNativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            check("SessionGetTypeInfo", call(input ? SESSION_GET_INPUT_TYPE_INFO : SESSION_GET_OUTPUT_TYPE_INFO,
                    status(ADDRESS, JAVA_LONG, ADDRESS), session, index, out));
            MemorySegment typeInfo = out.get(ADDRESS, 0);
            try {
                check("CastTypeInfoToTensorInfo", call(CAST_TYPE_INFO_TO_TENSOR_INFO, status(ADDRESS, ADDRESS),
                        typeInfo, out));
                MemorySegment tensorInfo = out.get(ADDRESS, 0);
                if (tensorInfo.equals(MemorySegment.NULL)) {
                    return new TypeAndShape(-1, new long[0]);
                }
                return typeAndShape(tensorInfo, arena);
            } finally {
                release(RELEASE_TYPE_INFO, typeInfo);
            }
        }
    }

    private TypeAndShape typeAndShape(MemorySegment tensorInfo, Arena arena) throws OrtNativeException {
        MemorySegment type = arena.allocate(JAVA_INT);
        check("GetTensorElementType", call(GET_TENSOR_ELEMENT_TYPE, status(ADDRESS, ADDRESS), tensorInfo, type));
        MemorySegment count = arena.allocate(JAVA_LONG);
        check("GetDimensionsCount", call(GET_DIMENSIONS_COUNT, status(ADDRESS, ADDRESS), tensorInfo, count));
        long n = count.get(JAVA_LONG, 0);
        long[] dims = new long[(int) n];
        if (n > 0) {
            MemorySegment values = arena.allocate(JAVA_LONG, n);
            check("GetDimensions", call(GET_DIMENSIONS, status(ADDRESS, ADDRESS, JAVA_LONG), tensorInfo, values, n));
            MemorySegment.copy(values, JAVA_LONG, 0, dims, 0, (int) n);
        }
        return new TypeAndShape(type.get(JAVA_INT, 0), dims);
    }

    Map<String, String> customMetadata(MemorySegment session) throws OrtNativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            check("SessionGetModelMetadata", call(SESSION_GET_MODEL_METADATA, status(ADDRESS, ADDRESS), session, out));
            MemorySegment metadata = out.get(ADDRESS, 0);
            try {
                MemorySegment count = arena.allocate(JAVA_LONG);
                check("ModelMetadataGetCustomMetadataMapKeys", call(MODEL_METADATA_GET_CUSTOM_METADATA_MAP_KEYS,
                        status(ADDRESS, ADDRESS, ADDRESS, ADDRESS), metadata, allocator, out, count));
                List<String> keys = new ArrayList<>();
                for (MemorySegment key : takePointers(out.get(ADDRESS, 0), count.get(JAVA_LONG, 0))) {
                    keys.add(takeString(key));
                }
                Map<String, String> map = new java.util.TreeMap<>();
                for (String key : keys) {
                    check("ModelMetadataLookupCustomMetadataMap", call(MODEL_METADATA_LOOKUP_CUSTOM_METADATA_MAP,
                            status(ADDRESS, ADDRESS, ADDRESS, ADDRESS), metadata, allocator, arena.allocateFrom(key), out));
                    MemorySegment value = out.get(ADDRESS, 0);
                    map.put(key, value.equals(MemorySegment.NULL) ? "" : takeString(value));
                }
                return map;
            } finally {
                release(RELEASE_MODEL_METADATA, metadata);
            }
        }
    }

    /** Reads a string ORT allocated with the default allocator, then frees it. */
    private String takeString(MemorySegment pointer) throws OrtNativeException {
        String s = cString(pointer);
        free(pointer);
        return s;
    }

    /** The {@code n} pointers of an array ORT allocated with our allocator; the array itself is freed. */
    private List<MemorySegment> takePointers(MemorySegment array, long n) throws OrtNativeException {
        List<MemorySegment> pointers = new ArrayList<>();
        if (n > 0 && !array.equals(MemorySegment.NULL)) {
            MemorySegment a = array.reinterpret(n * ADDRESS.byteSize());
            for (long i = 0; i < n; i++) {
                pointers.add(a.getAtIndex(ADDRESS, i));
            }
            free(array);
        }
        return pointers;
    }

    private void free(MemorySegment pointer) throws OrtNativeException {
        check("AllocatorFree", call(ALLOCATOR_FREE, status(ADDRESS, ADDRESS), allocator, pointer));
    }

    // ---- values and IoBinding

    MemorySegment createTensor(MemorySegment data, long[] shape, int elementType, Arena arena) throws OrtNativeException {
        MemorySegment out = arena.allocate(ADDRESS);
        MemorySegment dims = arena.allocateFrom(JAVA_LONG, shape);
        check("CreateTensorWithDataAsOrtValue", call(CREATE_TENSOR_WITH_DATA_AS_ORT_VALUE,
                status(ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS),
                cpuMemory, data, data.byteSize(), dims, (long) shape.length, elementType, out));
        return out.get(ADDRESS, 0);
    }

    void releaseValue(MemorySegment value) {
        release(RELEASE_VALUE, value);
    }

    /** Element type, shape and data pointer of a tensor value (the data stays owned by the value). */
    record TensorView(int elementType, long[] shape, MemorySegment data) {
    }

    TensorView view(MemorySegment value) throws OrtNativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            check("GetTensorTypeAndShape", call(GET_TENSOR_TYPE_AND_SHAPE, status(ADDRESS, ADDRESS), value, out));
            MemorySegment info = out.get(ADDRESS, 0);
            TypeAndShape ts;
            try {
                ts = typeAndShape(info, arena);
            } finally {
                release(RELEASE_TENSOR_TYPE_AND_SHAPE_INFO, info);
            }
            check("GetTensorMutableData", call(GET_TENSOR_MUTABLE_DATA, status(ADDRESS, ADDRESS), value, out));
            return new TensorView(ts.elementType(), ts.dims(), out.get(ADDRESS, 0));
        }
    }

    MemorySegment createIoBinding(MemorySegment session) throws OrtNativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            check("CreateIoBinding", call(CREATE_IO_BINDING, status(ADDRESS, ADDRESS), session, out));
            return out.get(ADDRESS, 0);
        }
    }

    void releaseIoBinding(MemorySegment binding) {
        release(RELEASE_IO_BINDING, binding);
    }

    void bindInput(MemorySegment binding, MemorySegment name, MemorySegment value) throws OrtNativeException {
        check("BindInput", call(BIND_INPUT, status(ADDRESS, ADDRESS, ADDRESS), binding, name, value));
    }

    /** Lets ORT allocate the output on the CPU at whatever shape the run produces. */
    void bindOutputToCpu(MemorySegment binding, MemorySegment name) throws OrtNativeException {
        check("BindOutputToDevice", call(BIND_OUTPUT_TO_DEVICE, status(ADDRESS, ADDRESS, ADDRESS), binding, name, cpuMemory));
    }

    void runWithBinding(MemorySegment session, MemorySegment binding) throws OrtNativeException {
        check("RunWithBinding", call(RUN_WITH_BINDING, status(ADDRESS, ADDRESS, ADDRESS), session, MemorySegment.NULL, binding));
    }

    /** The bound outputs in binding order; the caller releases each value. */
    List<MemorySegment> boundOutputValues(MemorySegment binding) throws OrtNativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            MemorySegment count = arena.allocate(JAVA_LONG);
            check("GetBoundOutputValues", call(GET_BOUND_OUTPUT_VALUES, status(ADDRESS, ADDRESS, ADDRESS, ADDRESS),
                    binding, allocator, out, count));
            return takePointers(out.get(ADDRESS, 0), count.get(JAVA_LONG, 0));
        }
    }

    void clearBindings(MemorySegment binding) {
        invoke(CLEAR_BOUND_INPUTS, FunctionDescriptor.ofVoid(ADDRESS), binding);
        invoke(CLEAR_BOUND_OUTPUTS, FunctionDescriptor.ofVoid(ADDRESS), binding);
    }
}
