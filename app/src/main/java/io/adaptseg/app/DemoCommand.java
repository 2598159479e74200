package io.adaptseg.app;

import io.adaptseg.app.demo.DemoPipeline;
import io.adaptseg.app.demo.DemoSettings;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.progress.Terminal;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code adaptseg demo}: synthetic data → source-only and AdvNet models → ONNX → parity → edge-runtime
 * prediction and scoring → side-by-side IoU table and HTML report. Exit code 3 when a step failed
 * or was skipped for lack of an input, so scripts notice an incomplete demo.
 */
final class DemoCommand implements Command {
    static final int INCOMPLETE = 3;

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "the whole pipeline on synthetic data: train source-only and AdvNet, export, parity, predict, score, report";
    }

    @Override
    public String synopsis() {
        return "[--out DIR] [--quick] [--source DIR --target DIR] [--source-only-config FILE --advnet-config FILE]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("output folder (default ./adaptseg-out/demo)").build());
        o.addOption(Option.builder().longOpt("quick").desc("smoke-size run (tiny images and counts), for tests").build());
        o.addOption(Option.builder().longOpt("source").hasArg().argName("DIR")
                .desc("a GTA5-layout source folder instead of the synthetic one").build());
        o.addOption(Option.builder().longOpt("target").hasArg().argName("DIR")
                .desc("a Cityscapes root (leftImg8bit/, gtFine/) instead of the synthetic one").build());
        o.addOption(Option.builder().longOpt("source-only-config").hasArg().argName("FILE").desc("training config of the source-only model").build());
        o.addOption(Option.builder().longOpt("advnet-config").hasArg().argName("FILE").desc("training config of the AdvNet model").build());
        o.addOption(Option.builder().longOpt("source-only-checkpoint").hasArg().argName("DIR")
                .desc("use this trained source-only checkpoint instead of training").build());
        o.addOption(Option.builder().longOpt("advnet-checkpoint").hasArg().argName("DIR")
                .desc("use this trained AdvNet checkpoint instead of training").build());
        o.addOption(Option.builder().longOpt("samples").hasArg().argName("N").desc("val images shown in the report (default 4)").build());
        return o;
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        DemoSettings settings = new DemoSettings(Path.of(line.getOptionValue("out", "adaptseg-out/demo")), line.hasOption("quick"),
                path(line, "source"), path(line, "target"), path(line, "source-only-config"), path(line, "advnet-config"),
                path(line, "source-only-checkpoint"), path(line, "advnet-checkpoint"),
                ScoreCommand.intOption(line, "samples", 4, 0));
        boolean interactive = Terminal.isInteractive(out);
        DemoPipeline.Result result = new DemoPipeline(settings, out, interactive).run();
        boolean complete = result.comparison().isPresent() && result.comparison().get().models().size() == 2
                && result.steps().stream().noneMatch(s -> s.status().equals("failed"));
        return complete ? Main.OK : INCOMPLETE;
    }

    private static Optional<Path> path(CommandLine line, String option) {
        return Optional.ofNullable(line.getOptionValue(option)).map(Path::of);
    }
}
