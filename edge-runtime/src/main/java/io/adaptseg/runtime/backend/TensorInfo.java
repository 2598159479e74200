package io.adaptseg.runtime.backend;

import java.util.Arrays;

/** A model input or output: name, element type (ONNX name, e.g. "float", "int64") and shape (-1 = dynamic). */
public record TensorInfo(String name, String elementType, long[] shape) {
    public TensorInfo {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** e.g. {@code image float [-1, 3, -1, -1]}. */
    @Override
    public String toString() {
        return name + " " + elementType + " " + Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && t.name.equals(name) && t.elementType.equals(elementType)
                && Arrays.equals(t.shape, shape);
    }

    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + elementType.hashCode()) * 31 + Arrays.hashCode(shape);
    }

    /** The ONNX element type name of a TensorProto data type number. */
    public static String elementTypeName(int onnxType) {
        return switch (onnxType) {
            case 1 -> "float";
            case 2 -> "uint8";
            case 3 -> "int8";
            case 5 -> "int16";
            case 6 -> "int32";
            case 7 -> "int64";
            case 9 -> "bool";
            case 10 -> "float16";
            case 11 -> "double";
            default -> "type" + onnxType;
        };
    }
}
