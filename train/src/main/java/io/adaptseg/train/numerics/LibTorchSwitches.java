package io.adaptseg.train.numerics;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * PyTorch's own backend switches, reached through the Foreign Function &amp; Memory API because DJL
 * exposes none of them: {@code at::globalContext().setUserEnabledMkldnn(bool)} and
 * {@code setUserEnabledNNPACK(bool)} (exported C++ symbols of {@code libtorch_cpu.so}), and libc's
 * {@code setenv} for oneDNN's {@code ONEDNN_MAX_CPU_ISA}, which oneDNN reads once, at its first use.
 */
final class LibTorchSwitches {
    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET_MKLDNN = "_ZN2at7Context20setUserEnabledMkldnnEb";
    private static final String GET_MKLDNN = "_ZNK2at7Context17userEnabledMkldnnEv";
    private static final String SET_NNPACK = "_ZN2at7Context20setUserEnabledNNPACKEb";
    /** {@code c10::initLogging()} of libc10.so: reads {@code TORCH_CPP_LOG_LEVEL} into c10's log threshold. */
    private static final String INIT_LOGGING = "_ZN3c1011initLoggingEv";
    /** PyTorch's documented variable for the threshold of its C++ log (INFO, WARNING, ERROR, FATAL). */
    static final String LOG_LEVEL_VARIABLE = "TORCH_CPP_LOG_LEVEL";
    private static final String GET_TF32_CUDNN = "_ZNK2at7Context14allowTF32CuDNNEv";

    private final MemorySegment context;
    private final MethodHandle setMkldnn;
    private final MethodHandle getMkldnn;
    private final MethodHandle setNnpack;
    private final MethodHandle getTf32Cudnn;

    private LibTorchSwitches(Path library) {
        Linker linker = Linker.nativeLinker();
        SymbolLookup lookup = SymbolLookup.libraryLookup(library, Arena.global());
        try {
            MethodHandle globalContext = linker.downcallHandle(find(lookup, library, GLOBAL_CONTEXT),
                    FunctionDescriptor.of(ValueLayout.ADDRESS));
            context = (MemorySegment) globalContext.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("cannot call at::globalContext() in " + library, t);
        }
        setMkldnn = linker.downcallHandle(find(lookup, library, SET_MKLDNN),
                FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_BOOLEAN));
        getMkldnn = linker.downcallHandle(find(lookup, library, GET_MKLDNN),
                FunctionDescriptor.of(ValueLayout.JAVA_BOOLEAN, ValueLayout.ADDRESS));
        setNnpack = linker.downcallHandle(find(lookup, library, SET_NNPACK),
                FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_BOOLEAN));
        getTf32Cudnn = linker.downcallHandle(find(lookup, library, GET_TF32_CUDNN),
                FunctionDescriptor.of(ValueLayout.JAVA_BOOLEAN, ValueLayout.ADDRESS));
    }

    /**
     * The switches of the libtorch this process has loaded (call after DJL's PyTorch engine started).
     *
     * @throws IllegalStateException when no libtorch_cpu.so is mapped or a symbol is missing
     */
    static LibTorchSwitches ofLoadedLibrary() {
        Path library = loadedLibTorch().orElseThrow(() -> new IllegalStateException(
                "libtorch_cpu.so is not loaded in this process (start DJL's PyTorch engine first)"));
        return new LibTorchSwitches(library);
    }

    /** The path of the libtorch_cpu.so mapped into this process, read from /proc/self/maps (Linux). */
    static Optional<Path> loadedLibTorch() {
        return loaded("/libtorch_cpu.so");
    }

    /**
     * Sets the threshold of libtorch's C++ log ({@code TORCH_CPP_LOG_LEVEL}) in this process, as if it had
     * been set before start-up: the variable, then {@code c10::initLogging()}, which reads it. At
     * {@code ERROR}, the warnings libtorch prints straight to the process's stderr go: DJL's JNI layer
     * enters the deprecated {@code AutoNonVariableTypeMode} when it writes into a tensor, and libtorch
     * says so once per process ("Warning: AutoNonVariableTypeMode is deprecated ..."), a line about
     * DJL's C++ that a user can do nothing about. Call after DJL's PyTorch engine started.
     *
     * @throws IllegalStateException when no libc10.so is mapped or it lacks the symbol
     */
    static void setCppLogLevel(String level) {
        Path library = loaded("/libc10.so").orElseThrow(() -> new IllegalStateException(
                "libc10.so is not loaded in this process (start DJL's PyTorch engine first)"));
        setNativeEnvironment(LOG_LEVEL_VARIABLE, level);
        SymbolLookup lookup = SymbolLookup.libraryLookup(library, Arena.global());
        MethodHandle init = Linker.nativeLinker().downcallHandle(find(lookup, library, INIT_LOGGING),
                FunctionDescriptor.ofVoid());
        try {
            init.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("c10::initLogging failed", t);
        }
    }

    /** The path of a library mapped into this process whose path ends with {@code suffix} (/proc/self/maps, Linux). */
    private static Optional<Path> loaded(String suffix) {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(maps)) {
            return lines.filter(l -> l.endsWith(suffix))
                    .map(l -> Path.of(l.substring(l.indexOf('/'))))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether PyTorch may use oneDNN (mkldnn) for the ops that have a oneDNN kernel. */
    void enableOneDnn(boolean enabled) {
        try {
            setMkldnn.invokeExact(context, enabled);
        } catch (Throwable t) {
            throw new IllegalStateException("at::Context::setUserEnabledMkldnn failed", t);
        }
    }

    /** PyTorch's own view of the oneDNN switch (to prove a change took effect). */
    boolean oneDnnEnabled() {
        try {
            return (boolean) getMkldnn.invokeExact(context);
        } catch (Throwable t) {
            throw new IllegalStateException("at::Context::userEnabledMkldnn failed", t);
        }
    }

    /**
     * Whether cuDNN convolutions may use TF32 (PyTorch's {@code torch.backends.cudnn.allow_tf32}, on by
     * default): on Ampere and newer GPUs their products then keep 10 mantissa bits, not float32's 23.
     */
    boolean tf32ConvolutionsAllowed() {
        try {
            return (boolean) getTf32Cudnn.invokeExact(context);
        } catch (Throwable t) {
            throw new IllegalStateException("at::Context::allowTF32CuDNN failed", t);
        }
    }

    /**
     * Whether PyTorch may try NNPACK. Off: on CPUs NNPACK does not support, every attempt prints
     * "Could not initialize NNPACK! Reason: Unsupported hardware" (1,500 lines in a short training).
     */
    void enableNnpack(boolean enabled) {
        try {
            setNnpack.invokeExact(context, enabled);
        } catch (Throwable t) {
            throw new IllegalStateException("at::Context::setUserEnabledNNPACK failed", t);
        }
    }

    /**
     * Sets a variable in the process environment (libc's, which native code reads; Java's
     * {@code System.getenv} keeps its own copy from start-up).
     */
    static void setNativeEnvironment(String name, String value) {
        Linker linker = Linker.nativeLinker();
        MemorySegment setenv = linker.defaultLookup().find("setenv")
                .orElseThrow(() -> new IllegalStateException("libc has no setenv"));
        MethodHandle handle = linker.downcallHandle(setenv, FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        try (Arena arena = Arena.ofConfined()) {
            int rc = (int) handle.invokeExact(arena.allocateFrom(name), arena.allocateFrom(value), 1);
            if (rc != 0) {
                throw new IllegalStateException("setenv(" + name + ") failed with " + rc);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("setenv(" + name + ") failed", t);
        }
    }

    private static MemorySegment find(SymbolLookup lookup, Path library, String symbol) {
        return lookup.find(symbol).orElseThrow(() -> new IllegalStateException(
                library + " does not export " + symbol + " (a libtorch other than the 2.7 DJL ships?)"));
    }
}
