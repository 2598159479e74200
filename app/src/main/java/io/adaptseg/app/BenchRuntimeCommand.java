package io.adaptseg.app;

import io.adaptseg.bench.RuntimeBenchmark;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.FileTrees;
import io.adaptseg.runtime.backend.BackendKind;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** {@code adaptseg bench runtime}: Java versus native backend, model-only versus end-to-end, in one table. */
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
        return "--model FILE [--size WxH] [--batch N] [--iterations N] [options]";
    }

    private static final OptionSpec<ImageSize> SIZE = CommonOptions.size(1,
            "image size (default: the model's training input size)");
    private static final OptionSpec<Integer> BATCH = CommonOptions.BATCH.withDefault(1);
    private static final OptionSpec<Integer> ITERATIONS = OptionSpec.of("iterations", "N", Parsers.integer(1),
            "timed runs per backend; the end-to-end pass streams batch*N PNGs").withDefault(10);
    private static final OptionSpec<Integer> WARMUP = OptionSpec.of("warmup", "N", Parsers.integer(0),
            "untimed runs first").withDefault(2);

    @Override
    public Options options() {
        return OptionList.of(RuntimeOptions.add(new Options(), false), SIZE, BATCH, ITERATIONS, WARMUP);
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
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
        Path work = Files.createTempDirectory("adaptseg-bench-");
        try {
            out.printf("model %s, images %s (WxH), batch %d, %d iterations (+%d warm-up), %d cores%n", model, size, batch,
                    iterations, warmup, Runtime.getRuntime().availableProcessors());
            var plan = new RuntimeBenchmark.Plan(model, size.height(), size.width(), batch, iterations, warmup, options,
                    List.of(BackendKind.JAVA, BackendKind.NATIVE), work);
            List<RuntimeBenchmark.Row> rows = RuntimeBenchmark.run(plan, out);
            out.println();
            RuntimeBenchmark.print(rows, batch, out);
            out.println("model: one batch at the network input size through the session (labels output); e2e: PNG decode, resize, normalise, run,"
                    + " upsample + argmax, PNG encode, atomic write (2 reader + 2 writer threads); peak RSS is the"
                    + " process's VmHWM after that backend");
            return Main.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdaptsegException("benchmark interrupted");
        } finally {
            FileTrees.delete(work);
        }
    }
}
