package io.adaptseg.app;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.OutputPaths;
import io.adaptseg.train.config.TrainConfig;
import io.adaptseg.train.method.CategoryAnchors;
import io.adaptseg.train.run.TrainingRun;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code adaptseg anchors}: CAG's category anchors of a checkpoint's model over the config's source
 * set, saved as {@code anchors.npz} (by default where the config's {@code anchors} key points, else
 * {@code <snapshot-dir>/anchors.npz}).
 */
final class AnchorsCommand implements Command {
    @Override
    public String name() {
        return "anchors";
    }

    @Override
    public String summary() {
        return "compute CAG's category anchors of a checkpoint over the source set";
    }

    @Override
    public String synopsis() {
        return "--checkpoint DIR --config FILE [--set key=value ...] [--out anchors.npz]";
    }

    private static final OptionSpec<Path> CHECKPOINT = OptionSpec.of("checkpoint", "DIR", Parsers.PATH,
            "checkpoint (iter_<n>/, best/, a snapshot folder's newest) or a G.npz weight file").required();
    private static final OptionSpec<Path> CONFIG = OptionSpec.of("config", "FILE", Parsers.PATH,
            "training config: model, source data, input-size, batch-size, anchor-min-pixels").required();
    private static final OptionSpec<Path> OUT = OptionSpec.of("out", "FILE", Parsers.PATH,
            "output npz (default: the config's anchors, else <snapshot-dir>/anchors.npz)");

    @Override
    public Options options() {
        return OptionList.of(CHECKPOINT, CONFIG, CommonOptions.SET, OUT);
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        TrainConfig config = TrainCommand.readConfig(CONFIG.value(line), CommonOptions.sets(line));
        Path target = OUT.optional(line)
                .orElse(config.cag().anchors().orElse(config.schedule().snapshotDir().resolve("anchors.npz")));
        OutputPaths.requireWritableFile(target, OUT.given(line) ? "--out" : "the anchors file (--out)");
        TrainingRun run = TrainingRun.prepare(config);
        long t0 = System.nanoTime();
        CategoryAnchors anchors = run.computeAnchors(CHECKPOINT.value(line), out);
        anchors.save(target);
        out.printf(Locale.ROOT, "wrote %s (%d classes x %d) in %.1f s%n", target, anchors.numClasses(), anchors.dimension(),
                (System.nanoTime() - t0) / 1e9);
        return Main.OK;
    }
}
