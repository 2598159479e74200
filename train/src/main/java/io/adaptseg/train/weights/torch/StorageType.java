package io.adaptseg.train.weights.torch;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The element types of PyTorch storages, by the names their storage classes have in a pickle
 * ({@code torch.FloatStorage} …). Floating types convert to float32 exactly (float16 and bfloat16 are
 * subsets of float32; float64 rounds to nearest, as {@code tensor.float()} does).
 */
public enum StorageType {
    FLOAT32("FloatStorage", 4, true),
    FLOAT16("HalfStorage", 2, true),
    BFLOAT16("BFloat16Storage", 2, true),
    FLOAT64("DoubleStorage", 8, true),
    INT64("LongStorage", 8, false),
    INT32("IntStorage", 4, false),
    INT16("ShortStorage", 2, false),
    INT8("CharStorage", 1, false),
    UINT8("ByteStorage", 1, false),
    BOOL("BoolStorage", 1, false);

    private final String className;
    private final int bytes;
    private final boolean floating;

    StorageType(String className, int bytes, boolean floating) {
        this.className = className;
        this.bytes = bytes;
        this.floating = floating;
    }

    /** Bytes per element. */
    public int elementSize() {
        return bytes;
    }

    /** True for float16, bfloat16, float32 and float64. */
    public boolean isFloating() {
        return floating;
    }

    /** The storage class name in a pickle, e.g. {@code FloatStorage}. */
    public String className() {
        return className;
    }

    /** The type of a storage class name ({@code FloatStorage}), or empty when it is not one. */
    static Optional<StorageType> ofClassName(String name) {
        for (StorageType t : values()) {
            if (t.className.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Element {@code index} of a little-endian buffer as float32 (floating types only). */
    float floatAt(ByteBuffer data, long index) {
        int at = Math.toIntExact(index * bytes);
        return switch (this) {
            case FLOAT32 -> data.getFloat(at);
            case FLOAT16 -> Float.float16ToFloat(data.getShort(at));
            // bfloat16 is the upper half of a float32: shifting the bits back is exact
            case BFLOAT16 -> Float.intBitsToFloat((data.getShort(at) & 0xffff) << 16);
            case FLOAT64 -> (float) data.getDouble(at);
            default -> throw new IllegalStateException(this + " is not a floating type");
        };
    }

    /** Element {@code index} of a little-endian buffer as a long (integer and bool types only). */
    long longAt(ByteBuffer data, long index) {
        int at = Math.toIntExact(index * bytes);
        return switch (this) {
            case INT64 -> data.getLong(at);
            case INT32 -> data.getInt(at);
            case INT16 -> data.getShort(at);
            case INT8 -> data.get(at);
            case UINT8, BOOL -> data.get(at) & 0xff;
            default -> throw new IllegalStateException(this + " is not an integer type");
        };
    }
}
