package io.adaptseg.spark.cli;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.infer.BatchPrediction;
import io.adaptseg.infer.OutputFormat;
import io.adaptseg.infer.PredictInput;
import io.adaptseg.infer.PredictSummary;
import io.adaptseg.spark.SparkPredictSummary;
import io.adaptseg.spark.SparkPrediction;
import io.adaptseg.spark.SparkSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code adaptseg spark bench}: the same images through single-JVM {@code predict} and through
 * {@code spark predict}, one after the other, and a table of images/s with the Spark overhead
 * (context start, and the job against the single-JVM run). With {@code --repeat N} the two runs
 * alternate N times in the same JVMs and Spark context, and the table shows the fastest and the
 * median of each, so that a shared machine's changing load hits both alike. Also checks that both
 * wrote the same labels. The runs' own output goes to {@code OUT/bench.log}.
 */
final class SparkBenchCommand implements SparkCommand {
    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "images/s of spark predict vs predict on the same images, side by side";
    }

    @Override
    public String synopsis() {
        return "--master URL --model FILE (--images DIR | --cityscapes ROOT) --out DIR [options]";
    }

    @Override
    public Options options() {
        return SparkOptions.add(new Options()).addOption(Option.builder().longOpt("out").hasArg().argName("DIR").required()
                .desc("work folder: predict/ and spark/ outputs and bench.log").build())
                .addOption(Option.builder().longOpt("repeat").hasArg().argName("N")
                        .desc("alternate the two runs N times; report the fastest and the median (default 1)").build());
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        Path work = Path.of(line.getOptionValue("out"));
        SparkSettings settings = SparkOptions.settings(line, work.resolve("spark")).withResume(false);
        List<PredictInput> inputs = SparkOptions.inputs(line);
        Files.createDirectories(work);
        try (OutputStream logFile = Files.newOutputStream(work.resolve("bench.log"));
             PrintStream log = new PrintStream(logFile, true, StandardCharsets.UTF_8)) {
            out.printf("%d images, model %s, batch %d; logs in %s%n", inputs.size(), settings.model(), settings.batch(),
                    work.resolve("bench.log"));
            int repeat = SparkOptions.positiveInt(line, "repeat", 1);
            long t1 = System.nanoTime();
            try (JavaSparkContext sc = SparkOptions.context(line, "adaptseg spark bench")) {
                double startSeconds = (System.nanoTime() - t1) / 1e9;
                double[] singleSeconds = new double[repeat];
                double[] sparkSeconds = new double[repeat];
                PredictSummary single = null;
                SparkPredictSummary spark = null;
                for (int r = 0; r < repeat; r++) {
                    long t0 = System.nanoTime();
                    single = new BatchPrediction(settings.withOut(work.resolve("predict")).toPredictSettings(), log, false)
                            .run(inputs);
                    singleSeconds[r] = (System.nanoTime() - t0) / 1e9;
                    long t2 = System.nanoTime();
                    spark = new SparkPrediction(settings, log).run(sc, inputs);
                    sparkSeconds[r] = (System.nanoTime() - t2) / 1e9;
                    out.printf(Locale.ROOT, "round %d: predict %.1f s, spark predict %.1f s%n", r + 1, singleSeconds[r],
                            sparkSeconds[r]);
                }
                int same = sameLabels(inputs, work.resolve("predict"), work.resolve("spark"));
                printTable(out, sc, inputs.size(), single, singleSeconds, spark, sparkSeconds, startSeconds, same);
                out.printf(Locale.ROOT, "load average (1 min) at the end: %.2f on %d cores%n",
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                        Runtime.getRuntime().availableProcessors());
                return single.complete() && spark.complete() ? SparkMain.OK : SparkMain.SOME_FAILED;
            }
        }
    }

    private static void printTable(PrintStream out, JavaSparkContext sc, int images, PredictSummary single, double[] singleSeconds,
            SparkPredictSummary spark, double[] sparkSeconds, double startSeconds, int same) {
        double singleBest = Arrays.stream(singleSeconds).min().orElseThrow();
        double sparkBest = Arrays.stream(sparkSeconds).min().orElseThrow();
        out.printf(Locale.ROOT, "%-34s %7s %9s %9s %11s%n", "run (" + singleSeconds.length + " rounds)", "images",
                "best s", "median s", "images/s");
        out.printf(Locale.ROOT, "%-34s %7d %9.1f %9.1f %11.2f%n", "predict (one JVM)", single.written(), singleBest,
                median(singleSeconds), single.written() / singleBest);
        String name = "spark predict " + sc.master() + ", " + spark.partitions() + " parts";
        out.printf(Locale.ROOT, "%-34s %7d %9.1f %9.1f %11.2f%n", name, spark.written(), sparkBest, median(sparkSeconds),
                spark.written() / sparkBest);
        out.printf(Locale.ROOT, "Spark overhead: context start %.1f s once; the job takes %+.0f %% of predict's time"
                + " (best), %+.0f %% (median)%n", startSeconds, 100 * (sparkBest / singleBest - 1),
                100 * (median(sparkSeconds) / median(singleSeconds) - 1));
        out.printf("labels identical (decoded): %d of %d images%n", same, images);
        if (single.score().isPresent() && spark.score().isPresent()) {
            out.printf(Locale.ROOT, "mIoU: predict %.4f %%, spark %.4f %%%n", 100 * single.score().get().metrics().meanIou(),
                    100 * spark.score().get().metrics().meanIou());
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Images whose label files decode to the same values in both output folders. */
    private static int sameLabels(List<PredictInput> inputs, Path a, Path b) {
        int same = 0;
        for (PredictInput input : inputs) {
            try {
                int[] va = PngCodec.readLabels(input.output(a, OutputFormat.TRAINID)).values();
                int[] vb = PngCodec.readLabels(input.output(b, OutputFormat.TRAINID)).values();
                same += Arrays.equals(va, vb) ? 1 : 0;
            } catch (AdaptsegException e) {
                // a missing or unreadable file is counted as different
            }
        }
        return same;
    }
}
