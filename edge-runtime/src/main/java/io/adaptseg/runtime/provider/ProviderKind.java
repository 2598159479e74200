package io.adaptseg.runtime.provider;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The execution providers adaptseg can ask ONNX Runtime for, by spec name and ORT name. */
public enum ProviderKind {
    CPU("cpu", "CPUExecutionProvider",
            ""),
    CUDA("cuda", "CUDAExecutionProvider",
            "it needs an ONNX Runtime built with CUDA (the GPU build: ADAPTSEG_BUILD=cuda ./adaptseg, Maven"
                    + " profile cuda, for both backends; or --backend native --ort-library with a GPU"
                    + " libonnxruntime.so), CUDA 12 and cuDNN 9 libraries on the library path, and an NVIDIA driver"),
    TENSORRT("tensorrt", "TensorrtExecutionProvider",
            "it needs an ONNX Runtime built with TensorRT (the GPU build: ADAPTSEG_BUILD=cuda ./adaptseg, Maven"
                    + " profile cuda; or --backend native --ort-library with a GPU libonnxruntime.so), the TensorRT 10,"
                    + " CUDA 12 and cuDNN 9 libraries on the library path, and an NVIDIA driver"),
    CANN("cann", "CANNExecutionProvider",
            "it needs a libonnxruntime.so built with the CANN execution provider (--use_cann) and the Ascend"
                    + " CANN toolkit (source its set_env.sh); run with --backend native --ort-library"
                    + " /path/to/libonnxruntime.so (the Java backend cannot load CANN at all)");

    private final String specName;
    private final String ortName;
    private final String requirement;

    ProviderKind(String specName, String ortName, String requirement) {
        this.specName = specName;
        this.ortName = ortName;
        this.requirement = requirement;
    }

    /** The name in provider specs and on the command line, e.g. "tensorrt". */
    public String specName() {
        return specName;
    }

    /** The name ONNX Runtime reports, e.g. "TensorrtExecutionProvider". */
    public String ortName() {
        return ortName;
    }

    /** What must be installed for this provider to work; empty for CPU. */
    public String requirement() {
        return requirement;
    }

    /** The kind with this spec name (case-insensitive), if any. */
    public static Optional<ProviderKind> bySpecName(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.specName.equals(lower)).findFirst();
    }

    /** The kind ONNX Runtime calls {@code ortName}, if adaptseg knows it. */
    public static Optional<ProviderKind> byOrtName(String ortName) {
        return Arrays.stream(values()).filter(k -> k.ortName.equals(ortName)).findFirst();
    }
}
