package io.adaptseg.app;

import io.adaptseg.runtime.backend.BackendKind;
import io.adaptseg.runtime.backend.BackendOptions;
import io.adaptseg.runtime.provider.ExecutionProviders;
import io.adaptseg.runtime.provider.FallbackPolicy;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** The ONNX Runtime options shared by the commands that run models, defined and parsed in one place. */
final class RuntimeOptions {
    static final String MODEL = "model";
    static final String BACKEND = "backend";
    static final String PROVIDERS = "providers";
    static final String FALLBACK = "fallback";
    static final String ORT_LIBRARY = "ort-library";
    static final String THREADS = "threads";

    private RuntimeOptions() {
    }

    static Options add(Options options, boolean withBackend) {
        options.addOption(Option.builder().longOpt(MODEL).hasArg().argName("FILE").required()
                .desc("an exported adaptseg ONNX model").build());
        if (withBackend) {
            options.addOption(Option.builder().longOpt(BACKEND).hasArg().argName("java|native")
                    .desc("ONNX Runtime binding (default java)").build());
        }
        options.addOption(Option.builder().longOpt(PROVIDERS).hasArg().argName("SPEC")
                .desc("execution providers in order, e.g. cpu, cuda:0,cpu, tensorrt:device_id=0,fp16=true,"
                        + " cann:device_id=0,precision_mode=force_fp32 (default cpu)").build());
        options.addOption(Option.builder().longOpt(FALLBACK).hasArg().argName("cpu|fail")
                .desc("when a provider is unavailable: fall back to the next/CPU (default) or fail").build());
        options.addOption(Option.builder().longOpt(ORT_LIBRARY).hasArg().argName("PATH")
                .desc("libonnxruntime.so for the native backend (default: the one in the ONNX Runtime jar);"
                        + " needed for CANN").build());
        options.addOption(Option.builder().longOpt(THREADS).hasArg().argName("N")
                .desc("intra-op threads (default: ONNX Runtime's choice)").build());
        return options;
    }

    static Path model(CommandLine line) {
        return Path.of(line.getOptionValue(MODEL));
    }

    /**
     * The backend of {@code --backend}. {@code --ort-library} only means something to the native
     * backend; with the java one it would be ignored, so it is refused instead.
     */
    static BackendKind backend(CommandLine line) {
        BackendKind kind;
        try {
            kind = BackendKind.parse(line.getOptionValue(BACKEND, "java"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + BACKEND + ": " + e.getMessage());
        }
        if (line.hasOption(ORT_LIBRARY) && kind != BackendKind.NATIVE) {
            throw new UsageException("--" + ORT_LIBRARY + " goes with --" + BACKEND + " native; the " + kind.id()
                    + " backend always uses the library inside the ONNX Runtime jar");
        }
        return kind;
    }

    static BackendOptions backendOptions(CommandLine line) {
        try {
            FallbackPolicy fallback = FallbackPolicy.parse(line.getOptionValue(FALLBACK, "cpu"));
            ExecutionProviders providers = ExecutionProviders.parse(line.getOptionValue(PROVIDERS, "cpu"), fallback);
            int threads = positiveInt(line, THREADS, 0);
            Optional<Path> library = Optional.ofNullable(line.getOptionValue(ORT_LIBRARY)).map(Path::of);
            return new BackendOptions(providers, threads, 0, library);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static int positiveInt(CommandLine line, String option, int fallback) {
        String v = line.getOptionValue(option);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + option + " must be a positive integer, found '" + v + "'");
        }
    }
}
