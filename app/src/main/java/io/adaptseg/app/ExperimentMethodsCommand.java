package io.adaptseg.app;

import io.adaptseg.bench.experiment.MethodsExperiment;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.FolderLock;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code adaptseg experiment methods}: every adaptation method on the synthetic domains (source-only,
 * AdvNet, CLAN, MS, IW-MS-multi, CAG stages) in one table of held-out source and target val scores.
 */
final class ExperimentMethodsCommand implements Command {
    @Override
    public String name() {
        return "experiment methods";
    }

    @Override
    public String summary() {
        return "all methods on the synthetic domains: source-only, AdvNet, CLAN, MS, IW-MS-multi, CAG stages";
    }

    @Override
    public String synopsis() {
        return "[--out DIR] [--iterations N] [--stages N] [--architecture NAME] [--size WxH] [--source-images N] [--target-images N]";
    }

    private static final ExperimentGapCommand.ExperimentOptions OPTIONS =
            new ExperimentGapCommand.ExperimentOptions(Path.of("experiments/methods"), 150);
    private static final OptionSpec<Integer> STAGES = OptionSpec.of("stages", "N", Parsers.integer(1),
            "CAG stages after the warm-up").withDefault(3);

    @Override
    public Options options() {
        return OptionList.of(OPTIONS.options(), STAGES);
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        var settings = new MethodsExperiment.Settings(OPTIONS.settings(line), STAGES.value(line));
        long t0 = System.nanoTime();
        List<MethodsExperiment.Row> rows;
        try (FolderLock lock = FolderLock.acquire(settings.base().out(), "--out")) {
            rows = MethodsExperiment.run(settings, out, System.err);
        }
        out.println();
        out.print(MethodsExperiment.table(settings, rows));
        out.printf(Locale.ROOT, "%ntotal %.0f s; table written to %s%n", (System.nanoTime() - t0) / 1e9,
                settings.base().out().resolve("methods.md"));
        return Main.OK;
    }
}
