package io.adaptseg.train.numerics;

import ai.djl.engine.Engine;

/** Puts a {@link ConvolutionRoute} into effect in this process. */
final class RouteSetup {
    /** oneDNN's own variable; read once, when oneDNN first asks which instruction set to use. */
    static final String ONEDNN_ISA_VARIABLE = "ONEDNN_MAX_CPU_ISA";

    private RouteSetup() {
    }

    /**
     * Loads libtorch and, unless {@value TorchNumerics#NATIVE_WARNINGS_PROPERTY} is set, keeps its C++
     * warnings off the terminal ({@link LibTorchSwitches#setCppLogLevel}): first thing, before a route check
     * or weight file touches a tensor. A {@code TORCH_CPP_LOG_LEVEL} already in the environment (the user's,
     * or inherited from a parent adaptseg JVM) is the level; libtorch reads it only when asked, so it is
     * applied either way. Loading the engine runs no oneDNN code, so a later {@code ONEDNN_MAX_CPU_ISA}
     * still counts.
     */
    static void quietNativeWarnings() {
        if (Boolean.getBoolean(TorchNumerics.NATIVE_WARNINGS_PROPERTY)) {
            return;
        }
        Engine.getEngine("PyTorch"); // loads libtorch
        String given = System.getenv(LibTorchSwitches.LOG_LEVEL_VARIABLE);
        LibTorchSwitches.setCppLogLevel(given == null ? "ERROR" : given);
    }

    /**
     * Applies {@code route}: must run before PyTorch's first convolution in this process, or an ISA
     * limit comes too late to matter. Also switches NNPACK off on every route (see {@link
     * LibTorchSwitches#enableNnpack}).
     *
     * @throws IllegalStateException when libtorch's switches cannot be reached
     */
    static void apply(ConvolutionRoute route) {
        if (route == ConvolutionRoute.ONEDNN_SSE41) {
            LibTorchSwitches.setNativeEnvironment(ONEDNN_ISA_VARIABLE, "SSE41");
        }
        Engine.getEngine("PyTorch"); // loads libtorch
        LibTorchSwitches switches = LibTorchSwitches.ofLoadedLibrary();
        switches.enableNnpack(false);
        switches.enableOneDnn(route != ConvolutionRoute.ATEN);
        if (switches.oneDnnEnabled() != (route != ConvolutionRoute.ATEN)) {
            throw new IllegalStateException("PyTorch did not take the oneDNN switch for route " + route.id());
        }
    }
}
