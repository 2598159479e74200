package io.adaptseg.app;

import io.adaptseg.bench.experiment.GapExperiment;
import io.adaptseg.core.AdaptsegException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code adaptseg experiment gap}: the domain gap on the synthetic domains (source-only on held-out
 * source vs on target) and AdvNet on target, with the same network, seed and schedule.
 */
final class ExperimentGapCommand implements Command {
    @Override
    public String name() {
        return "experiment gap";
    }

    @Override
    public String summary() {
        return "synthetic domain gap: source-only on held-out source and target, AdvNet on target";
    }

    @Override
    public String synopsis() {
        return "[--out DIR] [--iterations N] [--model NAME] [--size WxH] [--source-images N] [--target-images N]";
    }

    @Override
    public Options options() {
        return options("experiments/gap", 300);
    }

    /** The options shared by the experiment commands. */
    static Options options(String defaultOut, int defaultIterations) {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("work folder (default " + defaultOut + ")").build());
        o.addOption(Option.builder().longOpt("iterations").hasArg().argName("N")
                .desc("iterations per run (default " + defaultIterations + ")").build());
        o.addOption(Option.builder().longOpt("model").hasArg().argName("NAME").desc("architecture (default deeplabv2-tiny-multi)").build());
        o.addOption(Option.builder().longOpt("size").hasArg().argName("WxH").desc("image and input size (default 128x64)").build());
        o.addOption(Option.builder().longOpt("source-images").hasArg().argName("N")
                .desc("source images, a quarter held out (default 120)").build());
        o.addOption(Option.builder().longOpt("target-images").hasArg().argName("N")
                .desc("target train images; val gets half as many (default 80)").build());
        o.addOption(Option.builder().longOpt("lr").hasArg().argName("X").desc("segmenter learning rate (default 1e-2)").build());
        return o;
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        var settings = settings(line, "experiments/gap", 300);
        long t0 = System.nanoTime();
        List<GapExperiment.Result> results = GapExperiment.run(settings, out, System.err);
        out.println();
        out.print(GapExperiment.table(settings, results));
        out.printf(Locale.ROOT, "%ntotal %.0f s; table written to %s%n", (System.nanoTime() - t0) / 1e9,
                settings.out().resolve("gap.md"));
        return Main.OK;
    }

    /** The experiment settings of the shared options. */
    static GapExperiment.Settings settings(CommandLine line, String defaultOut, int defaultIterations) {
        int iterations = ScoreCommand.intOption(line, "iterations", defaultIterations, 1);
        int sourceImages = ScoreCommand.intOption(line, "source-images", 120, 8);
        int targetImages = ScoreCommand.intOption(line, "target-images", 80, 4);
        ImageSize size = ImageSize.parse("--size", line.getOptionValue("size", "128x64"), 32);
        String lrText = line.getOptionValue("lr", "1e-2");
        double lr;
        try {
            lr = Double.parseDouble(lrText);
        } catch (NumberFormatException e) {
            lr = Double.NaN;
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new UsageException("--lr must be a positive number such as 1e-2, found '" + lrText + "'");
        }
        return new GapExperiment.Settings(Path.of(line.getOptionValue("out", defaultOut)),
                line.getOptionValue("model", "deeplabv2-tiny-multi"), size.width(), size.height(), sourceImages,
                sourceImages / 4, targetImages, Math.max(2, targetImages / 2), iterations, 2, lr, 1234);
    }
}
