package io.adaptseg.app;

import io.adaptseg.train.device.TrainingDevice;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/**
 * Options several commands share, declared once so that a name keeps one meaning everywhere
 * (commands add their own default with {@link OptionSpec#withDefault}).
 */
final class CommonOptions {
    private CommonOptions() {
    }

    static final OptionSpec<Path> MODEL = OptionSpec.of("model", "FILE", Parsers.PATH,
            "an exported adaptseg ONNX model").required();
    static final OptionSpec<String> ARCHITECTURE = OptionSpec.of("architecture", "NAME", Parsers.TEXT,
            "network architecture, e.g. deeplabv2-r101-multi");
    static final OptionSpec<Path> CHECKPOINT = OptionSpec.of("checkpoint", "DIR", Parsers.PATH,
            "a training checkpoint folder (or a snapshot folder: its latest checkpoint)");
    static final OptionSpec<Path> OUT_DIR = OptionSpec.of("out", "DIR", Parsers.PATH, "output folder");
    static final OptionSpec<Integer> BATCH = OptionSpec.of("batch", "N", Parsers.integer(1), "images per model run");
    static final OptionSpec<Integer> ITERATIONS = OptionSpec.of("iterations", "N", Parsers.integer(1),
            "timed repetitions");
    static final OptionSpec<String> SPLIT = OptionSpec.of("split", "NAME", Parsers.TEXT,
            "Cityscapes split folder").withDefault("val");

    /**
     * {@code --device cpu|gpu|gpu:N}: where the PyTorch networks run (train: the config key {@code device};
     * export, parity, bench train: default cpu). A GPU that is not there is one error before anything is read.
     */
    static final OptionSpec<TrainingDevice> DEVICE = OptionSpec.of("device", "DEVICE", Parsers.DEVICE,
            "where PyTorch runs: " + TrainingDevice.FORMS);
    /**
     * {@link #DEVICE} defaulting to the CPU (export, parity, bench train): the device a checkpoint was
     * trained on does not matter, since a checkpoint loads on any device.
     */
    static final OptionSpec<TrainingDevice> DEVICE_OR_CPU = DEVICE.withDefault(TrainingDevice.CPU, "cpu");

    /** {@code --set KEY=VALUE}, repeatable: a training config override. */
    static final Option SET = Option.builder().longOpt("set").hasArgs()
            .argName("KEY=VALUE").desc("override a config value (repeatable), e.g. --set num-steps-stop=100").build();

    /**
     * The {@code --set} values, each checked to be KEY=VALUE: a value without '=' is a usage error
     * (exit 2) here, before the config is read.
     */
    static List<String> sets(CommandLine line) {
        List<String> sets = line.hasOption("set") ? List.of(line.getOptionValues("set")) : List.of();
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0 || s.substring(0, eq).isBlank()) {
                throw new UsageException("--set expects KEY=VALUE, found '" + s + "'"
                        + (eq < 0 ? " (no '=')" : " (no key before '=')") + ", e.g. --set learning-rate=2.5e-4");
            }
        }
        return sets;
    }

    /** Worker threads, by default one per core. */
    static OptionSpec<Integer> threads(String description) {
        return OptionSpec.of("threads", "N", Parsers.integer(1), description)
                .withDefault(() -> Runtime.getRuntime().availableProcessors(), "all cores");
    }

    /** An image size of at least {@code min} both ways. */
    static OptionSpec<ImageSize> size(int min, String description) {
        return OptionSpec.of("size", "WxH", Parsers.size(min), description);
    }

    /** The line benchmarks end with: other processes change timings, so readers must see the load. */
    static String loadLine() {
        return String.format(Locale.ROOT, "system load average %.2f on %d cores",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }
}
