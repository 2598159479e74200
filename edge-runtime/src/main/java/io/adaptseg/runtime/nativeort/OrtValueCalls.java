package io.adaptseg.runtime.nativeort;

import static io.adaptseg.runtime.nativeort.OrtApi.status;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.adaptseg.runtime.nativeort.OrtApi.TypeAndShape;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The value calls of one {@link OrtApi} table: tensors over caller-owned memory, reading output
 * tensors in place, and IoBinding (bind, run, collect, clear). Errors come back as {@link
 * OrtNativeException} through {@link OrtApi#check}.
 */
final class OrtValueCalls {
    // 0-based slots in struct OrtApi (ORT 1.29), see OrtApi
    private static final int CREATE_TENSOR_WITH_DATA_AS_ORT_VALUE = 49;
    private static final int GET_TENSOR_MUTABLE_DATA = 51;
    private static final int GET_TENSOR_TYPE_AND_SHAPE = 65;
    private static final int RELEASE_VALUE = 96;
    private static final int RELEASE_TENSOR_TYPE_AND_SHAPE_INFO = 99;
    private static final int RUN_WITH_BINDING = 133;
    private static final int CREATE_IO_BINDING = 134;
    private static final int RELEASE_IO_BINDING = 135;
    private static final int BIND_INPUT = 136;
    private static final int BIND_OUTPUT_TO_DEVICE = 138;
    private static final int GET_BOUND_OUTPUT_VALUES = 140;
    private static final int CLEAR_BOUND_INPUTS = 141;
    private static final int CLEAR_BOUND_OUTPUTS = 142;

    private final OrtApi api;

    OrtValueCalls(OrtApi api) {
        this.api = api;
    }

    // ---- values and IoBinding

    MemorySegment createTensor(MemorySegment data, long[] shape, int elementType, Arena arena) throws OrtNativeException {
        MemorySegment out = arena.allocate(ADDRESS);
        MemorySegment dims = arena.allocateFrom(JAVA_LONG, shape);
        api.check("CreateTensorWithDataAsOrtValue", api.call(CREATE_TENSOR_WITH_DATA_AS_ORT_VALUE,
                status(ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS),
                api.cpuMemory(), data, data.byteSize(), dims, (long) shape.length, elementType, out));
        return out.get(ADDRESS, 0);
    }

    void releaseValue(MemorySegment value) {
        api.release(RELEASE_VALUE, value);
    }

    /** Element type, shape and data pointer of a tensor value (the data stays owned by the value). */
    record TensorView(int elementType, long[] shape, MemorySegment data) {
    }

    TensorView view(MemorySegment value) throws OrtNativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            api.check("GetTensorTypeAndShape", api.call(GET_TENSOR_TYPE_AND_SHAPE, status(ADDRESS, ADDRESS), value, out));
            MemorySegment info = out.get(ADDRESS, 0);
            TypeAndShape ts;
            try {
                ts = api.typeAndShape(info, arena);
            } finally {
                api.release(RELEASE_TENSOR_TYPE_AND_SHAPE_INFO, info);
            }
            api.check("GetTensorMutableData", api.call(GET_TENSOR_MUTABLE_DATA, status(ADDRESS, ADDRESS), value, out));
            return new TensorView(ts.elementType(), ts.dims(), out.get(ADDRESS, 0));
        }
    }

    MemorySegment createIoBinding(MemorySegment session) throws OrtNativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            api.check("CreateIoBinding", api.call(CREATE_IO_BINDING, status(ADDRESS, ADDRESS), session, out));
            return out.get(ADDRESS, 0);
        }
    }

    void releaseIoBinding(MemorySegment binding) {
        api.release(RELEASE_IO_BINDING, binding);
    }

    void bindInput(MemorySegment binding, MemorySegment name, MemorySegment value) throws OrtNativeException {
        api.check("BindInput", api.call(BIND_INPUT, status(ADDRESS, ADDRESS, ADDRESS), binding, name, value));
    }

    /** Lets ORT allocate the output on the CPU at whatever shape the run produces. */
    void bindOutputToCpu(MemorySegment binding, MemorySegment name) throws OrtNativeException {
        api.check("BindOutputToDevice", api.call(BIND_OUTPUT_TO_DEVICE, status(ADDRESS, ADDRESS, ADDRESS),
                binding, name, api.cpuMemory()));
    }

    void runWithBinding(MemorySegment session, MemorySegment binding) throws OrtNativeException {
        api.check("RunWithBinding", api.call(RUN_WITH_BINDING, status(ADDRESS, ADDRESS, ADDRESS),
                session, MemorySegment.NULL, binding));
    }

    /** The bound outputs in binding order; the caller releases each value. */
    List<MemorySegment> boundOutputValues(MemorySegment binding) throws OrtNativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            MemorySegment count = arena.allocate(JAVA_LONG);
            api.check("GetBoundOutputValues", api.call(GET_BOUND_OUTPUT_VALUES, status(ADDRESS, ADDRESS, ADDRESS, ADDRESS),
                    binding, api.allocator(), out, count));
            return api.takePointers(out.get(ADDRESS, 0), count.get(JAVA_LONG, 0));
        }
    }

    void clearBindings(MemorySegment binding) {
        api.invoke(CLEAR_BOUND_INPUTS, FunctionDescriptor.ofVoid(ADDRESS), binding);
        api.invoke(CLEAR_BOUND_OUTPUTS, FunctionDescriptor.ofVoid(ADDRESS), binding);
    }
}
