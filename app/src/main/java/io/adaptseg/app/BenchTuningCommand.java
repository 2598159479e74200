package io.adaptseg.app;

import io.adaptseg.bench.TuningBenchmark;
import io.adaptseg.bench.TuningVariant;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.FileTrees;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code adaptseg bench tuning}: one model under several ONNX Runtime session settings (threads,
 * spinning, graph optimisation level, memory pattern, arena, a cached optimised graph, the native
 * binding), timed round-robin in one process, and where the time goes per operator type.
 */
final class BenchTuningCommand implements Command {
    @Override
    public String name() {
        return "bench tuning";
    }

    @Override
    public String summary() {
        return "time a model under several ONNX Runtime session settings side by side, and its operator profile";
    }

    @Override
    public String synopsis() {
        return "--model FILE [--variants LIST] [--iterations N] [--warmup N] [--threads N] [--providers SPEC]";
    }

    private static final OptionSpec<List<TuningVariant>> VARIANTS = OptionSpec.of("variants", "LIST",
            Parsers.list(TuningVariant::parse), "comma-separated session settings, each a '+'-joined combination of "
                    + String.join(", ", TuningVariant.VOCABULARY) + "; the first is the reference of the speed column")
            .withDefault(() -> TuningVariant.parseList(TuningVariant.DEFAULTS), TuningVariant.DEFAULTS);
    private static final OptionSpec<Integer> ITERATIONS = OptionSpec.of("iterations", "N", Parsers.integer(1),
            "timed rounds (one run of every variant per round)").withDefault(3);
    private static final OptionSpec<Integer> WARMUP = OptionSpec.of("warmup", "N", Parsers.integer(1),
            "untimed rounds first; the first variant's last one is profiled").withDefault(1);

    @Override
    public Options options() {
        return OptionList.of(RuntimeOptions.add(new Options(), false), VARIANTS, ITERATIONS, WARMUP);
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        Path model = RuntimeOptions.model(line);
        List<TuningVariant> variants = VARIANTS.value(line);
        Path work = Files.createTempDirectory("adaptseg-bench-tuning-");
        try {
            out.printf(Locale.ROOT, "model %s, %d variants, %d rounds (+%d warm-up); %s%n", model, variants.size(),
                    ITERATIONS.value(line), WARMUP.value(line), CommonOptions.loadLine());
            var plan = new TuningBenchmark.Plan(model, variants, RuntimeOptions.backendOptions(line),
                    ITERATIONS.value(line), WARMUP.value(line), work);
            TuningBenchmark.Result result = TuningBenchmark.run(plan, out);
            out.println();
            out.printf("network input 1x3x%dx%d; at the end: %s%n", result.height(), result.width(),
                    CommonOptions.loadLine());
            TuningBenchmark.print(result, out);
            return Main.OK;
        } finally {
            FileTrees.delete(work);
        }
    }
}
