package io.adaptseg.app;

import io.adaptseg.bench.RuntimeBenchmark;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.runtime.backend.BackendKind;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
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
        return "--model FILE [--size WxH] [--batch N] [--iterations K] [options]";
    }

    @Override
    public Options options() {
        Options options = RuntimeOptions.add(new Options(), false);
        options.addOption(Option.builder().longOpt("size").hasArg().argName("WxH")
                .desc("image size (default: the model's training input size)").build());
        options.addOption(Option.builder().longOpt("batch").hasArg().argName("N").desc("images per run (default 1)").build());
        options.addOption(Option.builder().longOpt("iterations").hasArg().argName("K")
                .desc("timed runs per backend; the end-to-end pass streams N*K PNGs (default 10)").build());
        options.addOption(Option.builder().longOpt("warmup").hasArg().argName("W").desc("untimed runs first (default 2)").build());
        return options;
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        Path model = RuntimeOptions.model(line);
        int batch = RuntimeOptions.positiveInt(line, "batch", 1);
        int iterations = RuntimeOptions.positiveInt(line, "iterations", 10);
        int warmup = line.hasOption("warmup") ? RuntimeOptions.positiveInt(line, "warmup", 2) : 2;
        ImageSize size = line.hasOption("size") ? ImageSize.parse("--size", line.getOptionValue("size"), 1) : null;
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
            try (Stream<Path> walk = Files.walk(work)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
