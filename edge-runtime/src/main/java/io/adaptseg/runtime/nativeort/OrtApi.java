package io.adaptseg.runtime.nativeort;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code OrtApi} function table of one loaded libonnxruntime: downcall plumbing (slot to
 * method handle, status checks, the default allocator), the library's one environment and the
 * library-wide queries. The calls adaptseg makes on sessions are in {@link OrtSessionCalls}, those
 * on tensors and IoBinding in {@link OrtValueCalls}. Every wrapper that returns an {@code
 * OrtStatus*} turns a non-null status into an {@link OrtNativeException} carrying ORT's code and
 * message (and releases the status).
 *
 * <p>Slots are 0-based indices into {@code struct OrtApi} of ORT_API_VERSION 29, counted member by
 * member from the 1.29 {@code onnxruntime_c_api.h} (and matching the verified slots in docs/stack.md). A
 * wrong slot calls the wrong function and may crash the JVM, so each is named after its function,
 * next to the calls that use it.
 */
final class OrtApi {
    static final int API_VERSION = 29;

    // 0-based slots in struct OrtApi (ORT 1.29)
    private static final int GET_ERROR_CODE = 1;
    private static final int GET_ERROR_MESSAGE = 2;
    private static final int CREATE_ENV = 3;
    private static final int GET_TENSOR_ELEMENT_TYPE = 60;
    private static final int GET_DIMENSIONS_COUNT = 61;
    private static final int GET_DIMENSIONS = 62;
    private static final int CREATE_CPU_MEMORY_INFO = 69;
    private static final int ALLOCATOR_FREE = 76;
    private static final int GET_ALLOCATOR_WITH_DEFAULT_OPTIONS = 78;
    private static final int RELEASE_STATUS = 93;
    private static final int RELEASE_MEMORY_INFO = 94;
    private static final int GET_AVAILABLE_PROVIDERS = 125;
    private static final int ADD_SESSION_CONFIG_ENTRY = 130;
    private static final int RELEASE_AVAILABLE_PROVIDERS = 126;
    private static final int GET_BUILD_INFO_STRING = 254;
    private static final int SLOT_COUNT = 255;

    /** ORT_LOGGING_LEVEL_WARNING. */
    private static final int LOG_WARNING = 2;
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
    private final OrtSessionCalls sessions;
    private final OrtValueCalls values;

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
        this.sessions = new OrtSessionCalls(this);
        this.values = new OrtValueCalls(this);
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

    /** ORT's default CPU allocator: strings and arrays ORT hands back are freed with it. */
    MemorySegment allocator() {
        return allocator;
    }

    OrtSessionCalls sessions() {
        return sessions;
    }

    OrtValueCalls values() {
        return values;
    }

    /** The descriptor of a C API function returning {@code OrtStatus*}, with these arguments. */
    static FunctionDescriptor status(MemoryLayout... args) {
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

    Object invoke(int slot, FunctionDescriptor descriptor, Object... args) {
        try {
            return handle(slot, descriptor).invokeWithArguments(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("downcall to OrtApi slot " + slot + " failed", t);
        }
    }

    MemorySegment call(int slot, FunctionDescriptor descriptor, Object... args) {
        return (MemorySegment) invoke(slot, descriptor, args);
    }

    void release(int slot, MemorySegment object) {
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

    /** Element type (ONNX number, -1 for non-tensors) and dims of an input or output. */
    record TypeAndShape(int elementType, long[] dims) {
    }

    /** Reads an {@code OrtTensorTypeAndShapeInfo}; the caller releases it. */
    TypeAndShape typeAndShape(MemorySegment tensorInfo, Arena arena) throws OrtNativeException {
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

    /** Reads a string ORT allocated with the default allocator, then frees it. */
    String takeString(MemorySegment pointer) throws OrtNativeException {
        String s = cString(pointer);
        free(pointer);
        return s;
    }

    /** The {@code n} pointers of an array ORT allocated with our allocator; the array itself is freed. */
    List<MemorySegment> takePointers(MemorySegment array, long n) throws OrtNativeException {
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
}
