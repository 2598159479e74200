package io.adaptseg.app;

import io.adaptseg.app.demo.DemoPipeline;
import io.adaptseg.app.demo.DemoSettings;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.progress.Terminal;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
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

    private static final OptionSpec<Path> OUT = CommonOptions.OUT_DIR.withDefault(Path.of("adaptseg-out/demo"));
    private static final Flag QUICK = new Flag("quick", "smoke-size run (tiny images and counts), for tests");
    private static final OptionSpec<Path> SOURCE = OptionSpec.of("source", "DIR", Parsers.PATH,
            "a GTA5-layout source folder instead of the synthetic one");
    private static final OptionSpec<Path> TARGET = OptionSpec.of("target", "DIR", Parsers.PATH,
            "a Cityscapes root (leftImg8bit/, gtFine/) instead of the synthetic one");
    private static final OptionSpec<Path> SOURCE_ONLY_CONFIG = OptionSpec.of("source-only-config", "FILE",
            Parsers.PATH, "training config of the source-only model");
    private static final OptionSpec<Path> ADVNET_CONFIG = OptionSpec.of("advnet-config", "FILE", Parsers.PATH,
            "training config of the AdvNet model");
    private static final OptionSpec<Path> SOURCE_ONLY_CHECKPOINT = OptionSpec.of("source-only-checkpoint", "DIR",
            Parsers.PATH, "use this trained source-only checkpoint instead of training");
    private static final OptionSpec<Path> ADVNET_CHECKPOINT = OptionSpec.of("advnet-checkpoint", "DIR", Parsers.PATH,
            "use this trained AdvNet checkpoint instead of training");
    private static final OptionSpec<Integer> SAMPLES = OptionSpec.of("samples", "N", Parsers.integer(0),
            "val images shown in the report").withDefault(4);

    @Override
    public Options options() {
        return OptionList.of(OUT, QUICK, SOURCE, TARGET, SOURCE_ONLY_CONFIG, ADVNET_CONFIG, SOURCE_ONLY_CHECKPOINT,
                ADVNET_CHECKPOINT, SAMPLES);
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        DemoSettings settings = new DemoSettings(OUT.value(line), QUICK.given(line), SOURCE.optional(line),
                TARGET.optional(line), SOURCE_ONLY_CONFIG.optional(line), ADVNET_CONFIG.optional(line),
                SOURCE_ONLY_CHECKPOINT.optional(line), ADVNET_CHECKPOINT.optional(line), SAMPLES.value(line));
        boolean interactive = Terminal.isInteractive(out);
        DemoPipeline.Result result = new DemoPipeline(settings, out, interactive).run();
        boolean complete = result.comparison().isPresent() && result.comparison().get().models().size() == 2
                && result.steps().stream().noneMatch(s -> s.status().equals("failed"));
        return complete ? Main.OK : INCOMPLETE;
    }
}
