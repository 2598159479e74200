package io.adaptseg.export.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Conversions between Java arrays and ONNX {@link TensorProto}s. Data is written as little-endian
 * {@code raw_data} (what ONNX Runtime reads fastest); reading accepts both raw and typed fields.
 */
public final class Tensors {
    private Tensors() {
    }

    /** A float32 tensor. */
    public static TensorProto float32(String name, float[] data, long... dims) {
        checkSize(name, data.length, dims);
        ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(data);
        return tensor(name, DataType.FLOAT, buf, dims);
    }

    /** A float16 tensor rounded (to nearest even) from float32 values. */
    public static TensorProto float16(String name, float[] data, long... dims) {
        checkSize(name, data.length, dims);
        ByteBuffer buf = ByteBuffer.allocate(data.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : data) {
            buf.putShort(Float.floatToFloat16(v));
        }
        buf.flip();
        return tensor(name, DataType.FLOAT16, buf, dims);
    }

    /** An int64 tensor. */
    public static TensorProto int64(String name, long[] data, long... dims) {
        checkSize(name, data.length, dims);
        ByteBuffer buf = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.asLongBuffer().put(data);
        return tensor(name, DataType.INT64, buf, dims);
    }

    /** An int8 tensor (quantised weights, int8 zero points). */
    public static TensorProto int8(String name, byte[] data, long... dims) {
        checkSize(name, data.length, dims);
        return tensor(name, DataType.INT8, ByteBuffer.wrap(data), dims);
    }

    /** A uint8 tensor; {@code data} holds the values' low 8 bits (uint8 zero points). */
    public static TensorProto uint8(String name, byte[] data, long... dims) {
        checkSize(name, data.length, dims);
        return tensor(name, DataType.UINT8, ByteBuffer.wrap(data), dims);
    }

    /** An int32 tensor (quantised biases). */
    public static TensorProto int32(String name, int[] data, long... dims) {
        checkSize(name, data.length, dims);
        ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asIntBuffer().put(data);
        return tensor(name, DataType.INT32, buf, dims);
    }

    /** The raw bytes of an int8 or uint8 tensor (uint8 values as their low 8 bits). */
    public static byte[] bytes(TensorProto t) {
        if (t.getDataType() != DataType.INT8_VALUE && t.getDataType() != DataType.UINT8_VALUE) {
            throw new IllegalArgumentException("tensor " + t.getName() + " is "
                    + DataType.forNumber(t.getDataType()) + ", expected INT8 or UINT8");
        }
        int n = Math.toIntExact(elementCount(t));
        byte[] out = new byte[n];
        if (!t.getRawData().isEmpty()) {
            t.getRawData().copyTo(out, 0);
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = (byte) t.getInt32Data(i);
            }
        }
        return out;
    }

    /** The values of an int32 tensor. */
    public static int[] ints(TensorProto t) {
        if (t.getDataType() != DataType.INT32_VALUE) {
            throw new IllegalArgumentException("tensor " + t.getName() + " is "
                    + DataType.forNumber(t.getDataType()) + ", expected INT32");
        }
        int n = Math.toIntExact(elementCount(t));
        int[] out = new int[n];
        if (!t.getRawData().isEmpty()) {
            t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = t.getInt32Data(i);
            }
        }
        return out;
    }

    /** The values of a float32 or float16 tensor as floats. */
    public static float[] floats(TensorProto t) {
        int n = Math.toIntExact(elementCount(t));
        float[] out = new float[n];
        if (t.getDataType() == DataType.FLOAT_VALUE) {
            if (!t.getRawData().isEmpty()) {
                t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            } else {
                for (int i = 0; i < n; i++) {
                    out[i] = t.getFloatData(i);
                }
            }
        } else if (t.getDataType() == DataType.FLOAT16_VALUE) {
            if (!t.getRawData().isEmpty()) {
                ByteBuffer buf = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < n; i++) {
                    out[i] = Float.float16ToFloat(buf.getShort());
                }
            } else {
                // float16 values are stored as the low 16 bits of int32_data
                for (int i = 0; i < n; i++) {
                    out[i] = Float.float16ToFloat((short) t.getInt32Data(i));
                }
            }
        } else {
            throw new IllegalArgumentException("tensor " + t.getName() + " is "
                    + DataType.forNumber(t.getDataType()) + ", expected FLOAT or FLOAT16");
        }
        return out;
    }

    /** The values of an int64 tensor. */
    public static long[] longs(TensorProto t) {
        if (t.getDataType() != DataType.INT64_VALUE) {
            throw new IllegalArgumentException("tensor " + t.getName() + " is "
                    + DataType.forNumber(t.getDataType()) + ", expected INT64");
        }
        int n = Math.toIntExact(elementCount(t));
        long[] out = new long[n];
        if (!t.getRawData().isEmpty()) {
            t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = t.getInt64Data(i);
            }
        }
        return out;
    }

    /** The dimensions of a tensor. */
    public static long[] dims(TensorProto t) {
        return t.getDimsList().stream().mapToLong(Long::longValue).toArray();
    }

    /** Product of the dimensions (1 for a scalar). */
    public static long elementCount(TensorProto t) {
        long n = 1;
        for (long d : t.getDimsList()) {
            n *= d;
        }
        return n;
    }

    private static TensorProto tensor(String name, DataType type, ByteBuffer data, long[] dims) {
        TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(data.rewind()));
        for (long d : dims) {
            b.addDims(d);
        }
        return b.build();
    }

    private static void checkSize(String name, int length, long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        if (n != length) {
            throw new IllegalArgumentException("tensor " + name + ": " + length + " values do not fill dims "
                    + Arrays.toString(dims));
        }
    }
}
