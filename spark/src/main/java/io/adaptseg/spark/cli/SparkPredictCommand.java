package io.adaptseg.spark.cli;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.infer.PredictInput;
import io.adaptseg.spark.SparkPredictSummary;
import io.adaptseg.spark.SparkPrediction;
import io.adaptseg.spark.SparkSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code adaptseg spark predict}: {@code adaptseg predict} on a Spark cluster, the same outputs and
 * report files. Exit code 3 when some inputs failed (the others are written).
 */
final class SparkPredictCommand implements SparkCommand {
    @Override
    public String name() {
        return "predict";
    }

    @Override
    public String summary() {
        return "predict and score images on a Spark cluster (same outputs as adaptseg predict)";
    }

    @Override
    public String synopsis() {
        return "[--master URL] --model FILE (--images DIR | --cityscapes ROOT [--split val]) --out DIR [options]";
    }

    @Override
    public Options options() {
        return SparkOptions.add(new Options()).addOption(Option.builder().longOpt("out").hasArg().argName("DIR").required()
                .desc("output folder, the same path on every executor (city sub-folders are kept)").build());
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        SparkSettings settings = SparkOptions.settings(line, Path.of(line.getOptionValue("out")));
        List<PredictInput> inputs = SparkOptions.inputs(line);
        out.printf("%d images to predict%n", inputs.size());
        try (JavaSparkContext sc = SparkOptions.context(line, "adaptseg spark predict " + settings.model().getFileName())) {
            SparkPredictSummary summary = new SparkPrediction(settings, out).run(sc, inputs);
            return summary.complete() ? SparkMain.OK : SparkMain.SOME_FAILED;
        }
    }
}
