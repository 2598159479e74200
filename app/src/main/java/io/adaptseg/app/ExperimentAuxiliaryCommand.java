package io.adaptseg.app;

import io.adaptseg.bench.experiment.AuxiliaryExperiment;
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
 * {@code adaptseg experiment auxiliary}: source-only, MS and IW-MS-multi on the synthetic domains, each
 * with and without an auxiliary labelled source domain mixed into the source batches (the seed's
 * "with and without the auxiliary domain" comparison); docs/multi-source.md.
 */
final class ExperimentAuxiliaryCommand implements Command {
    private static final ExperimentGapCommand.ExperimentOptions OPTIONS =
            new ExperimentGapCommand.ExperimentOptions(Path.of("experiments/auxiliary"), 150);
    private static final OptionSpec<Path> AUXILIARY = OptionSpec.of("auxiliary", "DIR", Parsers.PATH,
            "labelled dataset in the GTA5 layout added as a second source domain (required; made by adaptseg stylize)");
    private static final OptionSpec<Double> WEIGHT = OptionSpec.of("auxiliary-weight", "X", Parsers.number(0),
            "share of source samples drawn from the auxiliary domain, below 1").withDefault(0.5);
    private static final OptionSpec<List<Integer>> SEEDS = OptionSpec.of("seeds", "LIST", Parsers.list(Parsers.integer(0)),
            "training seeds, comma-separated: the whole comparison runs once per seed on the same data and the summary"
                    + " gives means and paired differences").withDefault(() -> List.of(1234), "1234");

    @Override
    public String name() {
        return "experiment auxiliary";
    }

    @Override
    public String summary() {
        return "source-only, MS, IW-MS-multi with and without an auxiliary (style-translated) source domain";
    }

    @Override
    public String synopsis() {
        return "--auxiliary DIR [--auxiliary-weight X] [--seeds LIST] [--out DIR] [--iterations N] [--architecture NAME] [--size WxH]"
                + " [--source-images N] [--target-images N]";
    }

    @Override
    public Options options() {
        return OptionList.of(OPTIONS.options(), AUXILIARY, WEIGHT, SEEDS);
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        Path auxiliary = AUXILIARY.optional(line).orElseThrow(() -> new UsageException("--auxiliary DIR is required: a"
                + " labelled dataset in the GTA5 layout, normally this experiment's synthetic source (<out>/data/gta5) translated"
                + " to the target's style by adaptseg stylize (docs/multi-source.md)"));
        double weight = WEIGHT.value(line);
        if (weight >= 1) {
            throw new UsageException("--auxiliary-weight: must be below 1 (the source keeps 1 - X of the draws), found '"
                    + weight + "'");
        }
        List<Long> seeds = SEEDS.value(line).stream().map(Integer::longValue).toList();
        if (seeds.stream().distinct().count() != seeds.size()) {
            throw new UsageException("--seeds: every seed once, found '" + line.getOptionValue(SEEDS.name()) + "'");
        }
        AuxiliaryExperiment.checkAuxiliary(auxiliary); // a wrong folder fails before any data is generated
        var settings = new AuxiliaryExperiment.Settings(OPTIONS.settings(line), auxiliary, weight, seeds);
        long t0 = System.nanoTime();
        List<AuxiliaryExperiment.Row> rows;
        try (FolderLock lock = FolderLock.acquire(settings.base().out(), "--out")) {
            rows = AuxiliaryExperiment.run(settings, out, System.err);
        }
        out.println();
        out.print(AuxiliaryExperiment.table(settings, rows));
        out.printf(Locale.ROOT, "%ntotal %.0f s; table written to %s%n", (System.nanoTime() - t0) / 1e9,
                settings.base().out().resolve("auxiliary.md"));
        return Main.OK;
    }
}
