package io.adaptseg.app;

import io.adaptseg.train.device.TrainingDevice;
import io.adaptseg.train.device.DeviceAvailability;
import io.adaptseg.bench.TrainBenchmark;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.FileTrees;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code adaptseg bench train}: seconds per iteration of the full reference network
 * ({@code deeplabv2-r101-multi}) at a small input and of the tiny variant, bare (method step alone)
 * and in the training loop, and their ratio (the loop's overhead).
 */
final class BenchTrainCommand implements Command {
    @Override
    public String name() {
        return "bench train";
    }

    @Override
    public String summary() {
        return "seconds per training iteration (r101 at a small input, tiny variant) and the loop's overhead";
    }

    @Override
    public String synopsis() {
        return "[--iterations N] [--methods source-only,advnet] [--large-size WxH] [--small-size WxH] [--batch N]"
                + " [--device cpu|gpu|gpu:N]";
    }

    private static final OptionSpec<Integer> ITERATIONS = CommonOptions.ITERATIONS.withDefault(5);
    private static final OptionSpec<List<String>> METHODS = OptionSpec.of("methods", "LIST", Parsers.list(Parsers.TEXT),
            "methods to time").withDefault(List.of("source-only", "advnet"), "source-only,advnet");
    private static final OptionSpec<ImageSize> LARGE_SIZE = OptionSpec.of("large-size", "WxH", Parsers.size(64, 32),
            "input of deeplabv2-r101-multi").withDefault(new ImageSize(256, 128));
    private static final OptionSpec<ImageSize> SMALL_SIZE = OptionSpec.of("small-size", "WxH", Parsers.size(64, 32),
            "input of deeplabv2-tiny-multi").withDefault(new ImageSize(512, 256));
    private static final OptionSpec<Integer> BATCH = OptionSpec.of("batch", "N", Parsers.integer(1),
            "batch size (1 as in the references)").withDefault(1);

    @Override
    public Options options() {
        return OptionList.of(ITERATIONS, METHODS, LARGE_SIZE, SMALL_SIZE, BATCH, CommonOptions.DEVICE_OR_CPU);
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        int iterations = ITERATIONS.value(line);
        int batch = BATCH.value(line);
        ImageSize large = LARGE_SIZE.value(line);
        ImageSize small = SMALL_SIZE.value(line);
        List<String> methods = METHODS.value(line);
        TrainingDevice device = CommonOptions.DEVICE_OR_CPU.value(line);
        DeviceAvailability.require(device, "--device"); // before the benchmark's data is generated
        Path work = Files.createTempDirectory("adaptseg-bench-train");
        try {
            List<TrainBenchmark.Row> rows = new ArrayList<>();
            for (var spec : List.of(new Object[] {"deeplabv2-r101-multi", large}, new Object[] {"deeplabv2-tiny-multi", small})) {
                String model = (String) spec[0];
                ImageSize size = (ImageSize) spec[1];
                Path data = work.resolve("data-" + size);
                if (!Files.isDirectory(data)) {
                    TrainBenchmark.generateData(data, size.width(), size.height(), 8);
                }
                for (String method : methods) {
                    out.printf(Locale.ROOT, "measuring %s %s at %s ...%n", model, method.trim(), size);
                    rows.add(TrainBenchmark.measure(model, method.trim(), size.width(), size.height(), batch, iterations, data,
                            work.resolve(model + "-" + method.trim()), device));
                    out.print(TrainBenchmark.table(rows.subList(rows.size() - 1, rows.size())));
                }
            }
            out.println();
            out.print(TrainBenchmark.table(rows));
            out.println("bare = method step on one fixed batch; full = training loop (PNG decoding workers, "
                    + "schedules, metrics, log), marginal cost per iteration");
            out.println("device: " + device + "; " + CommonOptions.loadLine());
        } finally {
            FileTrees.delete(work);
        }
        return Main.OK;
    }
}
