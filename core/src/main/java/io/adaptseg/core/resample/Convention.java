package io.adaptseg.core.resample;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where output sample {@code i} of {@code out} reads from in an axis of {@code in} samples. */
public enum Convention {
    /**
     * Pixel centres aligned: {@code src = (i + 0.5) · in / out − 0.5}, clamped to [0, in − 1]. PyTorch
     * {@code F.interpolate(mode="bilinear", align_corners=False)} without anti-aliasing; ONNX
     * {@code Resize(coordinate_transformation_mode=half_pixel)}.
     */
    HALF_PIXEL("half_pixel"),
    /**
     * Corner pixels aligned: {@code src = i · (in − 1) / (out − 1)} (0 when out = 1). PyTorch
     * {@code align_corners=True}; ONNX {@code Resize(coordinate_transformation_mode=align_corners)}.
     */
    ALIGN_CORNERS("align_corners");

    private final String onnxName;

    Convention(String onnxName) {
        this.onnxName = onnxName;
    }

    /** The ONNX {@code Resize} attribute value, also the name used in model metadata. */
    public String onnxName() {
        return onnxName;
    }

    /** The convention whose ONNX name is {@code name}. */
    public static Optional<Convention> byOnnxName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.onnxName.equals(wanted)).findFirst();
    }

    /** The source coordinate of output sample {@code i}. */
    double source(int i, int in, int out) {
        return switch (this) {
            case HALF_PIXEL -> Math.min(Math.max((i + 0.5) * in / out - 0.5, 0), in - 1);
            case ALIGN_CORNERS -> out == 1 ? 0 : (double) i * (in - 1) / (out - 1);
        };
    }
}
