package io.adaptseg.app;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.adaptseg.bench.RuntimeBenchmark;
import io.adaptseg.bench.versus.PytorchComparison;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.model.ModelMetadata;
import io.adaptseg.export.ExportOptions;
import io.adaptseg.export.ImportedModel;
import io.adaptseg.export.OwnWeights;
import io.adaptseg.export.TrainedModel;
import io.adaptseg.runtime.backend.BackendOptions;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.core.io.FileTrees;
import io.adaptseg.runtime.backend.BackendKind;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code adaptseg bench runtime}: Java versus native backend, model-only versus end-to-end, in one
 * table; with {@code --versus-pytorch}, the same network on DJL's PyTorch engine against the edge
 * runtime, with its multiply-adds and the machine's measured GEMM peak.
 */
final class BenchRuntimeCommand implements Command {
    @Override
    public String name() {
        return "bench runtime";
    }

    @Override
    public String summary() {
        return "latency p50/p95/p99, images/s and peak RSS of a model on both ONNX Runtime backends";
    }

    @Override
    public String synopsis() {
        return "--model FILE [--compare FILE] [--backend java|native] [--size WxH] [--batch N] [--iterations N] [options]"
                + " | --versus-pytorch (--checkpoint DIR |"
                + " --weights FILE --architecture NAME [--label-set SET] [--names MAP]) [--size WxH] [--threads N]"
                + " [--backend java|native]";
    }

    private static final OptionSpec<ImageSize> SIZE = CommonOptions.size(1,
            "image size (default: the model's training input size)");
    private static final OptionSpec<Integer> BATCH = CommonOptions.BATCH.withDefault(1);
    private static final OptionSpec<Integer> ITERATIONS = OptionSpec.of("iterations", "N", Parsers.integer(1),
            "timed runs per backend; the end-to-end pass streams batch*N PNGs").withDefault(10);
    private static final OptionSpec<Integer> WARMUP = OptionSpec.of("warmup", "N", Parsers.integer(0),
            "untimed runs first").withDefault(2);
    private static final Flag VERSUS_PYTORCH = new Flag("versus-pytorch", "time the network of --checkpoint or"
            + " --weights on DJL's PyTorch engine (eager) against the edge runtime, same input and threads; prints"
            + " multiply-adds, the measured GEMM peak and the speed-up");
    private static final OptionSpec<Path> COMPARE = OptionSpec.of("compare", "FILE", Parsers.PATH,
            "a second model (e.g. the int8 export of --model) measured in the same run, same input and options;"
                    + " prints its model-only speed-up over --model per backend");
    private static final List<OptionSpec<?>> VERSUS_ONLY = List.of(CommonOptions.CHECKPOINT, ExportCommand.WEIGHTS,
            ExportCommand.ARCHITECTURE, ExportCommand.NAMES, ExportCommand.LABEL_SET);

    @Override
    public Options options() {
        Options options = OptionList.of(RuntimeOptions.add(new Options(), true), SIZE, BATCH, ITERATIONS, WARMUP,
                VERSUS_PYTORCH, COMPARE, CommonOptions.CHECKPOINT, ExportCommand.WEIGHTS, ExportCommand.ARCHITECTURE,
                ExportCommand.NAMES, ExportCommand.LABEL_SET);
        // --versus-pytorch times a network, not a file: --model is then not given (checked in run)
        options.getOption(CommonOptions.MODEL.name()).setRequired(false);
        return options;
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        if (VERSUS_PYTORCH.given(line)) {
            if (COMPARE.given(line)) {
                throw new UsageException("--compare goes with --model, not --versus-pytorch");
            }
            return versusPytorch(line, out);
        }
        for (OptionSpec<?> o : VERSUS_ONLY) {
            if (o.given(line)) {
                throw new UsageException("--" + o.name() + " goes with --" + VERSUS_PYTORCH.name());
            }
        }
        if (!CommonOptions.MODEL.given(line)) {
            throw new UsageException("give --model FILE, or --versus-pytorch with --checkpoint DIR or --weights FILE");
        }
        Path model = RuntimeOptions.model(line);
        int batch = BATCH.value(line);
        int iterations = ITERATIONS.value(line);
        int warmup = WARMUP.value(line);
        ImageSize size = SIZE.optional(line).orElse(null);
        var options = RuntimeOptions.backendOptions(line);
        if (size == null) {
            try (var s = io.adaptseg.runtime.SegmentationSession.open(model, BackendKind.NATIVE, options)) {
                size = new ImageSize(s.model().inputWidth(), s.model().inputHeight());
            }
        }
        // without --backend both are measured, side by side
        List<BackendKind> backends = RuntimeOptions.BACKEND.given(line) ? List.of(RuntimeOptions.backend(line))
                : List.of(BackendKind.JAVA, BackendKind.NATIVE);
        List<Path> models = COMPARE.given(line) ? List.of(model, COMPARE.value(line)) : List.of(model);
        Path work = Files.createTempDirectory("adaptseg-bench-");
        try {
            out.printf("model %s, images %s (WxH), batch %d, %d iterations (+%d warm-up), %d cores%n",
                    String.join(" and ", models.stream().map(Path::toString).toList()), size, batch, iterations, warmup,
                    Runtime.getRuntime().availableProcessors());
            List<RuntimeBenchmark.Result> tables = new java.util.ArrayList<>();
            for (Path m : models) {
                var plan = new RuntimeBenchmark.Plan(m, size.height(), size.width(), batch, iterations, warmup, options,
                        backends, Files.createDirectories(work.resolve("run-" + tables.size())));
                tables.add(RuntimeBenchmark.run(plan, out));
            }
            for (int i = 0; i < models.size(); i++) {
                out.println();
                if (models.size() > 1) {
                    out.println(models.get(i) + ":");
                }
                RuntimeBenchmark.print(tables.get(i), batch, out);
            }
            out.println("model: one batch at the network input size through the session (labels output); e2e: PNG decode, resize, normalise, run,"
                    + " upsample + argmax, PNG encode, atomic write (2 reader + 2 writer threads); peak RSS is the"
                    + " process's VmHWM after that backend");
            if (models.size() > 1) {
                RuntimeBenchmark.printSpeedUp(models.get(1).getFileName().toString(), tables.get(1).rows(),
                        models.get(0).getFileName().toString(), tables.get(0).rows(), out);
            }
            return Main.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdaptsegException("benchmark interrupted");
        } finally {
            FileTrees.delete(work);
        }
    }

    private int versusPytorch(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        boolean fromWeights = ExportCommand.WEIGHTS.given(line);
        if (CommonOptions.MODEL.given(line)) {
            throw new UsageException("--versus-pytorch times the network of --checkpoint DIR or --weights FILE (it"
                    + " exports it itself), not --model");
        }
        if (fromWeights == CommonOptions.CHECKPOINT.given(line)) {
            throw new UsageException("--versus-pytorch needs either --checkpoint DIR or --weights FILE --architecture NAME");
        }
        if (fromWeights != ExportCommand.ARCHITECTURE.given(line)) {
            throw new UsageException("--weights and --architecture go together");
        }
        for (OptionSpec<?> o : List.of(ExportCommand.NAMES, ExportCommand.LABEL_SET)) {
            if (!fromWeights && o.given(line)) {
                throw new UsageException("--" + o.name() + " goes with --weights, not --checkpoint");
            }
        }
        int batch = BATCH.value(line);
        int threads = RuntimeOptions.THREADS.optional(line).orElse(Runtime.getRuntime().availableProcessors());
        BackendOptions given = RuntimeOptions.backendOptions(line);
        BackendOptions options = new BackendOptions(given.providers(), threads, given.interOpThreads(), given.ortLibrary());
        var backend = RuntimeOptions.backend(line);
        ImageSize size = SIZE.optional(line).orElse(null);
        Path work = Files.createTempDirectory("adaptseg-bench-");
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            Segmenter segmenter;
            ModelMetadata metadata;
            Path own = fromWeights ? OwnWeights.checkpointOf(ExportCommand.WEIGHTS.value(line)).orElse(null) : null;
            if (fromWeights && own == null) {
                // the import's recorded input size is the size timed (the reference 1024x512 unless --size)
                ImageSize input = size != null ? size : new ImageSize(1024, 512);
                ImportedModel imported = ImportedModel.load(ExportCommand.WEIGHTS.value(line),
                        ExportCommand.ARCHITECTURE.value(line), ExportCommand.LABEL_SET.value(line),
                        ExportCommand.NAMES.optional(line), input.width(), input.height(), manager);
                segmenter = imported.segmenter();
                metadata = imported.metadata(ExportOptions.defaults());
            } else {
                // adaptseg's own G.npz: the network its checkpoint built
                TrainedModel trained = own != null
                        ? OwnWeights.load(ExportCommand.WEIGHTS.value(line), own, ExportCommand.ARCHITECTURE.value(line), manager)
                        : TrainedModel.load(CommonOptions.CHECKPOINT.value(line), manager);
                segmenter = trained.segmenter();
                metadata = trained.metadata(ExportOptions.defaults());
            }
            if (size == null) {
                size = new ImageSize(metadata.inputWidth(), metadata.inputHeight());
            }
            out.printf("%s, input %d x 3 x %d x %d (NCHW), %d iterations (+%d warm-up), %d threads on %d cores%n",
                    segmenter.architecture(), batch, size.height(), size.width(), ITERATIONS.value(line),
                    WARMUP.value(line), threads, Runtime.getRuntime().availableProcessors());
            var plan = new PytorchComparison.Plan(segmenter, metadata, manager, batch, size.height(), size.width(),
                    ITERATIONS.value(line), WARMUP.value(line), threads, backend, options, work);
            PytorchComparison.Result result = PytorchComparison.run(plan, out);
            out.println();
            PytorchComparison.print(result, out);
            return Main.OK;
        } finally {
            FileTrees.delete(work);
        }
    }
}
