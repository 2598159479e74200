package io.adaptseg.train.numerics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A way for PyTorch to compute CPU convolutions (and the other oneDNN-backed ops) in this process. */
public enum ConvolutionRoute {
    /** PyTorch's default: oneDNN with every instruction set the CPU has. */
    ONEDNN("onednn", "oneDNN at the CPU's best instruction set (PyTorch's default)"),
    /** oneDNN limited to SSE4.1 kernels (set through ONEDNN_MAX_CPU_ISA before oneDNN's first use). */
    ONEDNN_SSE41("onednn-sse41", "oneDNN limited to SSE4.1 kernels"),
    /** oneDNN switched off: ATen's own convolutions (im2col + BLAS GEMM). */
    ATEN("aten", "oneDNN off: ATen's own convolutions (im2col + GEMM)");

    private final String id;
    private final String description;

    ConvolutionRoute(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The name used on the command line, in system properties and in the cached verdict. */
    public String id() {
        return id;
    }

    /** One line saying what the route does. */
    public String description() {
        return description;
    }

    /** The route named {@code id}, if any. */
    public static Optional<ConvolutionRoute> byId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.id.equals(wanted)).findFirst();
    }

    /** The ids of every route, for messages. */
    public static String ids() {
        return Arrays.stream(values()).map(ConvolutionRoute::id).toList().toString();
    }
}
