package io.adaptseg.app;

import io.adaptseg.runtime.backend.BackendKind;
import io.adaptseg.runtime.backend.BackendOptions;
import io.adaptseg.runtime.provider.ExecutionProviders;
import io.adaptseg.runtime.provider.FallbackPolicy;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** The ONNX Runtime options shared by the commands that run models, defined and parsed in one place. */
final class RuntimeOptions {
    static final OptionSpec<BackendKind> BACKEND = OptionSpec.of("backend", "java|native",
            Parsers.choice(BackendKind::parse), "ONNX Runtime binding").withDefault(BackendKind.JAVA, "java");
    static final OptionSpec<FallbackPolicy> FALLBACK = OptionSpec.of("fallback", "cpu|fail",
            Parsers.choice(FallbackPolicy::parse),
            "when a provider is unavailable: fall back to the next/CPU or fail")
            .withDefault(() -> FallbackPolicy.parse("cpu"), "cpu");
    static final OptionSpec<String> PROVIDERS = OptionSpec.of("providers", "SPEC", Parsers.TEXT,
            "execution providers in order, e.g. cpu, cuda:0,cpu, tensorrt:device_id=0,fp16=true,"
                    + " cann:device_id=0,precision_mode=force_fp32").withDefault("cpu");
    static final OptionSpec<Path> ORT_LIBRARY = OptionSpec.of("ort-library", "FILE", Parsers.PATH,
            "libonnxruntime.so for the native backend (default: the one in the ONNX Runtime jar); needed for CANN");
    static final OptionSpec<Integer> THREADS = OptionSpec.of("threads", "N", Parsers.integer(1),
            "intra-op threads (default: ONNX Runtime's choice)");

    private RuntimeOptions() {
    }

    static Options add(Options options, boolean withBackend) {
        OptionList.of(CommonOptions.MODEL, PROVIDERS, FALLBACK, ORT_LIBRARY, THREADS).getOptions()
                .forEach(options::addOption);
        if (withBackend) {
            options.addOption(BACKEND.option());
        }
        return options;
    }

    static Path model(CommandLine line) {
        return CommonOptions.MODEL.optional(line).orElseThrow();
    }

    /**
     * The backend of {@code --backend}. {@code --ort-library} only means something to the native
     * backend; with the java one it would be ignored, so it is refused instead.
     */
    static BackendKind backend(CommandLine line) {
        BackendKind kind = BACKEND.value(line);
        if (ORT_LIBRARY.given(line) && kind != BackendKind.NATIVE) {
            throw new UsageException("--" + ORT_LIBRARY.name() + " goes with --" + BACKEND.name() + " native; the "
                    + kind.id() + " backend always uses the library inside the ONNX Runtime jar");
        }
        return kind;
    }

    static BackendOptions backendOptions(CommandLine line) {
        FallbackPolicy fallback = FALLBACK.value(line);
        ExecutionProviders providers;
        try {
            providers = ExecutionProviders.parse(PROVIDERS.value(line), fallback);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + PROVIDERS.name() + ": " + e.getMessage());
        }
        return new BackendOptions(providers, THREADS.optional(line).orElse(0), 0, ORT_LIBRARY.optional(line));
    }
}
