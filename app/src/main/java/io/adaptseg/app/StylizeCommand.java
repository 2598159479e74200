package io.adaptseg.app;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.FolderLock;
import io.adaptseg.core.io.OutputPaths;
import io.adaptseg.core.progress.Terminal;
import io.adaptseg.train.translation.DatasetStylizer;
import io.adaptseg.train.translation.Stylization;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code adaptseg stylize}: translates a labelled source dataset into the target's style with an AdaIN
 * translator checkpoint ({@code method: adain}), keeping the source's layout (images translated, labels
 * copied byte for byte), so that {@code train} reads the result as a source domain. Resumable.
 */
final class StylizeCommand implements Command {
    private static final OptionSpec<Path> CHECKPOINT = CommonOptions.CHECKPOINT.required();
    private static final OptionSpec<Path> CONTENT = OptionSpec.of("content", "DIR", Parsers.PATH,
            "the labelled dataset to translate (its layout: --content-dataset)").required();
    private static final OptionSpec<Path> STYLE = OptionSpec.of("style", "DIR", Parsers.PATH,
            "the dataset whose style to take (its layout: --style-dataset)").required();
    private static final OptionSpec<Path> OUT = CommonOptions.OUT_DIR.required();
    private static final OptionSpec<Double> ALPHA = OptionSpec.of("alpha", "A", StylizeCommand::alpha,
            "stylisation strength in [0, 1] (default: the checkpoint's alpha)");
    private static final OptionSpec<String> CONTENT_DATASET = OptionSpec.of("content-dataset", "KIND", Parsers.TEXT,
            "layout of --content: gta5, synthia or cityscapes (default: the checkpoint's source-dataset)");
    private static final OptionSpec<String> STYLE_DATASET = OptionSpec.of("style-dataset", "KIND", Parsers.TEXT,
            "layout of --style: gta5, synthia, cityscapes or folder (default: the checkpoint's target-dataset)");
    private static final OptionSpec<Long> SEED = OptionSpec.of("seed", "N", Parsers.longInteger(Long.MIN_VALUE),
            "random seed").withDefault(1L);

    @Override
    public String name() {
        return "stylize";
    }

    @Override
    public String summary() {
        return "translate a labelled source dataset into the target's style with an AdaIN checkpoint (labels kept)";
    }

    @Override
    public String synopsis() {
        return "--checkpoint DIR --content DIR --style DIR --out DIR [--alpha A] [--content-dataset KIND]"
                + " [--style-dataset KIND] [--seed N]";
    }

    @Override
    public Options options() {
        return OptionList.of(CHECKPOINT, CONTENT, STYLE, OUT, ALPHA, CONTENT_DATASET, STYLE_DATASET, SEED);
    }

    private static Double alpha(String text) {
        double v;
        try {
            v = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number in [0, 1], found '" + text + "'");
        }
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException("must be a number in [0, 1], found '" + text + "'");
        }
        return v;
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        Path outDir = OUT.value(line);
        Path content = CONTENT.value(line);
        Path style = STYLE.value(line);
        OutputPaths.requireSeparate("--" + OUT.name(), outDir, Map.of("--" + CONTENT.name(), content,
                "--" + STYLE.name(), style, "--" + CHECKPOINT.name(), CHECKPOINT.value(line)));
        OutputPaths.requireWritableFolder(outDir, "--" + OUT.name());
        Stylization job = new Stylization(CHECKPOINT.value(line), content, CONTENT_DATASET.optional(line), style,
                STYLE_DATASET.optional(line), outDir, ALPHA.optional(line), SEED.value(line));
        long t0 = System.nanoTime();
        DatasetStylizer.Summary s;
        try (FolderLock lock = FolderLock.acquire(outDir, "--" + OUT.name())) {
            s = job.run(out, System.err, Terminal.isInteractive(System.err));
        }
        out.printf(Locale.ROOT, "stylize: %d images translated, %d already done (skipped) in %.1f s; dataset in %s;"
                + " side by side: %s%n", s.translated(), s.skipped(), (System.nanoTime() - t0) / 1e9, outDir, s.preview());
        return Main.OK;
    }
}
