package io.adaptseg.app;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.export.device.CheckOutcome;
import io.adaptseg.export.device.CheckedModel;
import io.adaptseg.export.device.DeviceCheck;
import io.adaptseg.export.device.ProbeModel;
import io.adaptseg.export.device.TensorRtCache;
import io.adaptseg.runtime.backend.BackendKind;
import io.adaptseg.runtime.backend.OrtJavaBackend;
import io.adaptseg.runtime.nativeort.OrtLibraries;
import io.adaptseg.runtime.provider.ExecutionProviders;
import io.adaptseg.runtime.provider.FallbackPolicy;
import io.adaptseg.runtime.provider.ProviderSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.cli.CommandLine;

/**
 * {@code adaptseg doctor --providers SPEC}: the device self-check. The built-in model, and
 * {@code --model} when given, run on the CPU and on each provider of the spec; one line per provider
 * says whether it opened (or why not), where the nodes went, how far its labels and logits are from the
 * CPU's, its p50, and a verdict. Exit 3 when a provider disagrees, 1 when accelerators were asked for
 * and none opened, 0 otherwise.
 */
final class DoctorProviders {
    static final OptionSpec<String> PROVIDERS = OptionSpec.of("providers", "SPEC", Parsers.TEXT,
            "run the device self-check on these execution providers, e.g. cpu,cuda:0,tensorrt:device_id=0"
                    + " (cpu alone: a second CPU session against the first)");
    static final OptionSpec<Path> MODEL = OptionSpec.of("model", "FILE", Parsers.PATH,
            "with --providers: an exported adaptseg ONNX model to check besides the built-in one");
    static final OptionSpec<Integer> ITERATIONS = OptionSpec.of("iterations", "N", Parsers.integer(1),
            "with --providers: timed runs per provider, after one untimed run").withDefault(10);
    static final OptionSpec<Path> TENSORRT_CACHE = OptionSpec.of("tensorrt-cache", "DIR", Parsers.PATH,
            "with --providers: folder of TensorRT engine caches, one sub-folder per model SHA-256"
                    + " (default $XDG_CACHE_HOME/adaptseg/tensorrt, else ~/.cache/adaptseg/tensorrt)");

    /** The options that only mean something with --providers. */
    static final List<OptionSpec<?>> WITH_PROVIDERS = List.of(MODEL, ITERATIONS, TENSORRT_CACHE,
            RuntimeOptions.BACKEND, RuntimeOptions.ORT_LIBRARY);

    private DoctorProviders() {
    }

    static int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        List<ProviderSpec> specs;
        try {
            specs = ExecutionProviders.parse(PROVIDERS.optional(line).orElseThrow(), FallbackPolicy.CPU).requested();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + PROVIDERS.name() + ": " + e.getMessage());
        }
        BackendKind backend = RuntimeOptions.backend(line);
        Optional<Path> library = RuntimeOptions.ORT_LIBRARY.optional(line);
        TensorRtCache cache = TENSORRT_CACHE.optional(line).map(TensorRtCache::new).orElseGet(TensorRtCache::standard);
        DeviceCheck.Settings settings = new DeviceCheck.Settings(backend, library, specs, ITERATIONS.value(line), cache);
        // the user's model is validated first: a wrong path fails in one line before anything runs
        Optional<CheckedModel> given = MODEL.optional(line).isPresent()
                ? Optional.of(CheckedModel.load(MODEL.optional(line).get().toString(), MODEL.optional(line).get()))
                : Optional.empty();
        out.println("device self-check on the " + backend.id() + " backend (" + libraryLine(backend, library) + "), "
                + settings.iterations() + " timed runs per session; labels and logits compared with a CPU session");
        List<DeviceCheck.ModelReport> reports = new ArrayList<>();
        Path folder = Files.createTempDirectory("adaptseg-doctor");
        try {
            reports.add(report(out, DeviceCheck.run(CheckedModel.load("built-in (" + ProbeModel.FILE_NAME + ")", ProbeModel.write(folder)), settings)));
            if (given.isPresent()) {
                reports.add(report(out, DeviceCheck.run(given.get(), settings)));
            }
        } finally {
            deleteTree(folder);
        }
        CheckOutcome outcome = CheckOutcome.of(reports, settings.asksForAccelerator());
        out.println(outcome.line());
        return exitCode(outcome);
    }

    /** 0 passed, 1 no accelerator opened (the run could not check what was asked), 3 a provider disagrees. */
    static int exitCode(CheckOutcome outcome) {
        return switch (outcome.kind()) {
            case PASSED -> Main.OK;
            case NO_ACCELERATOR -> Main.FAILURE;
            case DISAGREES -> DoctorCommand.CHECK_FAILED;
        };
    }

    private static DeviceCheck.ModelReport report(PrintStream out, DeviceCheck.ModelReport report) {
        report.lines().forEach(out::println);
        return report;
    }

    private static String libraryLine(BackendKind backend, Optional<Path> library) throws AdaptsegException {
        if (backend == BackendKind.JAVA) {
            return "ai.onnxruntime jar, providers " + OrtJavaBackend.availableProviders();
        }
        OrtLibraries.LibraryInfo info = OrtLibraries.describe(library);
        return info.path() + ", ONNX Runtime " + info.version() + ", providers " + info.providers();
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
