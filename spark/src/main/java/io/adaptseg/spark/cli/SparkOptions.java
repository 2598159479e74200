package io.adaptseg.spark.cli;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.infer.InputSets;
import io.adaptseg.core.image.PixelBudget;
import io.adaptseg.infer.OutputFormat;
import io.adaptseg.infer.PredictOptionValues;
import io.adaptseg.infer.PredictInput;
import io.adaptseg.runtime.predict.PredictOptions;
import io.adaptseg.runtime.predict.SlidingWindow;
import io.adaptseg.spark.SparkSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The options of the spark commands, defined and parsed in one place: {@code predict}'s inputs,
 * outputs and runtime options (same names and defaults as {@code adaptseg predict}; the values with
 * rules, {@code --split}, {@code --sliding} and {@code --max-pixels}, parsed by the same code,
 * {@link PredictOptionValues} and {@link PixelBudget#parse}) plus the cluster's ({@code --master},
 * {@code --partitions}, {@code --conf}).
 */
final class SparkOptions {
    private SparkOptions() {
    }

    static Options add(Options o) {
        o.addOption(Option.builder().longOpt("master").hasArg().argName("URL")
                .desc("Spark master: local[N], local[N,F] (F tries per task), spark://HOST:PORT, yarn, k8s://...;"
                        + " default: spark.master from spark-submit").build());
        o.addOption(Option.builder().longOpt("conf").hasArg().argName("KEY=VALUE")
                .desc("a Spark setting, repeatable (e.g. spark.task.maxFailures=4)").build());
        o.addOption(Option.builder().longOpt("partitions").hasArg().argName("N")
                .desc("partitions (tasks) to split the images into (default: 4 per core of the cluster)").build());
        o.addOption(Option.builder().longOpt("model").hasArg().argName("FILE").required()
                .desc("an exported adaptseg ONNX model (shipped to every executor)").build());
        o.addOption(Option.builder().longOpt("backend").hasArg().argName("java|native")
                .desc("ONNX Runtime binding on the executors (default java)").build());
        o.addOption(Option.builder().longOpt("providers").hasArg().argName("SPEC")
                .desc("execution providers in order on every executor, e.g. cpu, cuda:0,cpu,"
                        + " cann:device_id=0 (default cpu)").build());
        o.addOption(Option.builder().longOpt("fallback").hasArg().argName("cpu|fail")
                .desc("when a provider is unavailable on an executor: fall back (default) or fail its tasks").build());
        o.addOption(Option.builder().longOpt("ort-library").hasArg().argName("PATH")
                .desc("libonnxruntime.so for the native backend, the same path on every executor").build());
        o.addOption(Option.builder().longOpt("threads").hasArg().argName("N")
                .desc("intra-op threads per session (default: ONNX Runtime's choice)").build());
        o.addOption(Option.builder().longOpt("images").hasArg().argName("DIR")
                .desc("a folder of PNG/JPEG images, searched recursively; the same path on every executor").build());
        o.addOption(Option.builder().longOpt("gt").hasArg().argName("DIR")
                .desc("with --images: ground-truth labelId PNGs at the same relative paths").build());
        o.addOption(Option.builder().longOpt("cityscapes").hasArg().argName("ROOT")
                .desc("a Cityscapes root with leftImg8bit/<split>/ (and gtFine/<split>/ for scoring)").build());
        o.addOption(Option.builder().longOpt("split").hasArg().argName("NAME").desc("Cityscapes split (default val)").build());
        o.addOption(Option.builder().longOpt("batch").hasArg().argName("N").desc("images per model run (default 4)").build());
        o.addOption(Option.builder().longOpt("formats").hasArg().argName("LIST")
                .desc("outputs: trainid,labelid,color,overlay (default trainid,labelid,color)").build());
        o.addOption(Option.builder().longOpt("flip").desc("average the logits of the image and its mirror").build());
        o.addOption(Option.builder().longOpt("sliding").hasArg().argName("SPEC")
                .desc("sliding windows instead of whole images: tile=WxH,stride=WxH[,scale=S]").build());
        o.addOption(Option.builder().longOpt("max-pixels").hasArg().argName("N|WxH")
                .desc("refuse images larger than this, checked from the PNG header before decoding, on every executor"
                        + " (default: -D" + PixelBudget.PROPERTY + " of the driver, else 8192x8192)").build());
        o.addOption(Option.builder().longOpt("score").desc("require ground truth and score").build());
        o.addOption(Option.builder().longOpt("resume").desc("skip images whose outputs are all complete").build());
        return o;
    }

    /** The settings of a command line, {@code out} as the output folder. */
    static SparkSettings settings(CommandLine line, Path out) {
        Set<OutputFormat> formats;
        try {
            formats = OutputFormat.parseList(line.getOptionValue("formats", "trainid,labelid,color"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--formats: " + e.getMessage());
        }
        // parsed by the code predict's options use, so both commands accept and refuse the same values
        Optional<SlidingWindow> sliding = value(line, "sliding", PredictOptionValues::sliding);
        PixelBudget budget = value(line, "max-pixels", t -> PixelBudget.parse(t, "the value")).orElseGet(PixelBudget::configured);
        try {
            return new SparkSettings(Path.of(line.getOptionValue("model")), line.getOptionValue("backend", "java"),
                    line.getOptionValue("providers", "cpu"), line.getOptionValue("fallback", "cpu"),
                    positiveInt(line, "threads", 0), Optional.ofNullable(line.getOptionValue("ort-library")).map(Path::of),
                    new PredictOptions(positiveInt(line, "batch", 4), line.hasOption("flip"), sliding), formats, out,
                    line.hasOption("resume"), line.hasOption("score"), budget, positiveInt(line, "partitions", 0));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The inputs of {@code --images} or {@code --cityscapes}, listed on the driver. */
    static List<PredictInput> inputs(CommandLine line) throws AdaptsegException {
        if (line.hasOption("images") == line.hasOption("cityscapes")) {
            throw new UsageException("give exactly one of --images DIR or --cityscapes ROOT");
        }
        if (line.hasOption("gt") && !line.hasOption("images")) {
            throw new UsageException("--gt goes with --images (a Cityscapes root has its own gtFine)");
        }
        return line.hasOption("images")
                ? InputSets.folder(Path.of(line.getOptionValue("images")), Optional.ofNullable(line.getOptionValue("gt")).map(Path::of))
                : InputSets.cityscapes(Path.of(line.getOptionValue("cityscapes")),
                        value(line, "split", PredictOptionValues::split).orElse("val"));
    }

    /**
     * An option's value parsed as {@code predict} parses it; a bad one is a usage error worded as
     * {@code predict}'s ({@code --option: message}, or the parser's own message when it names the option).
     */
    static <T> Optional<T> value(CommandLine line, String option, Function<String, T> parser) {
        String text = line.getOptionValue(option);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(text));
        } catch (PredictOptionValues.NamedValueException e) {
            throw new UsageException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + option + ": " + e.getMessage());
        }
    }

    /**
     * A Spark context for {@code --master} and {@code --conf}; without {@code --master}, the one
     * {@code spark-submit} configured. Spark's console progress bar is off: the command prints its own.
     */
    static JavaSparkContext context(CommandLine line, String appName) {
        SparkConf conf = new SparkConf().setAppName(appName).set("spark.ui.showConsoleProgress", "false");
        String[] settings = line.getOptionValues("conf");
        if (settings != null) {
            for (String kv : settings) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new UsageException("--conf expects KEY=VALUE, found '" + kv + "'");
                }
                conf.set(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
        }
        if (line.hasOption("master")) {
            conf.setMaster(line.getOptionValue("master"));
        } else if (!conf.contains("spark.master")) {
            throw new UsageException("no Spark master: give --master (e.g. local[2]) or start through spark-submit --master");
        }
        JavaSparkContext sc = new JavaSparkContext(conf);
        sc.setLogLevel("WARN");
        return sc;
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
