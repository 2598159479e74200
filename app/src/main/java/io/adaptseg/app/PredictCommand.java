package io.adaptseg.app;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.PixelBudget;
import io.adaptseg.core.io.OutputPaths;
import io.adaptseg.core.progress.Terminal;
import io.adaptseg.infer.BatchPrediction;
import io.adaptseg.infer.InputSets;
import io.adaptseg.infer.OutputFormat;
import io.adaptseg.infer.PredictOptionValues;
import io.adaptseg.infer.PredictSettings;
import io.adaptseg.infer.PredictSummary;
import io.adaptseg.runtime.predict.PredictOptions;
import io.adaptseg.runtime.predict.SlidingWindow;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code adaptseg predict}: an exported model over an image folder or a Cityscapes split, writing
 * Cityscapes-named prediction PNGs and, with ground truth, the IoU report. Exit code 3 when some
 * inputs failed (the others are written; the summary lists the failures).
 */
final class PredictCommand implements Command {
    /** Exit code of a run that finished but skipped inputs that could not be read or written. */
    static final int SOME_FAILED = 3;

    @Override
    public String name() {
        return "predict";
    }

    @Override
    public String summary() {
        return "predict images with an exported model (edge runtime), write label/colour PNGs, score them";
    }

    @Override
    public String synopsis() {
        return "--model FILE (--images DIR | --cityscapes ROOT [--split val]) --out DIR [options]";
    }

    private static final OptionSpec<Path> IMAGES = OptionSpec.of("images", "DIR", Parsers.PATH,
            "a folder of PNG/JPEG images, searched recursively");
    private static final OptionSpec<Path> GT = OptionSpec.of("gt", "DIR", Parsers.PATH,
            "with --images: ground-truth labelId PNGs at the same relative paths");
    private static final OptionSpec<Path> CITYSCAPES = OptionSpec.of("cityscapes", "ROOT", Parsers.PATH,
            "a Cityscapes root with leftImg8bit/<split>/ (and gtFine/<split>/ for scoring)");
    private static final OptionSpec<String> SPLIT = OptionSpec.of("split", "NAME", PredictOptionValues::split,
            "Cityscapes split folder").withDefault("val");
    private static final OptionSpec<Path> OUT = CommonOptions.OUT_DIR.required();
    private static final OptionSpec<Integer> BATCH = CommonOptions.BATCH.withDefault(4);
    private static final OptionSpec<Set<OutputFormat>> FORMATS = OptionSpec.of("formats", "LIST",
            Parsers.choice(OutputFormat::parseList), "outputs: trainid,labelid,color,overlay")
            .withDefault(() -> OutputFormat.parseList("trainid,labelid,color"), "trainid,labelid,color");
    private static final OptionSpec<SlidingWindow> SLIDING = OptionSpec.of("sliding", "SPEC",
            PredictCommand::parseSliding, "sliding windows instead of whole images: tile=WxH,stride=WxH[,scale=S]");
    private static final Flag FLIP = new Flag("flip", "average the logits of the image and its mirror");
    private static final Flag SCORE = new Flag("score",
            "require ground truth and score (scoring also runs whenever it exists)");
    private static final Flag RESUME = new Flag("resume",
            "skip images whose outputs are all complete (only when --out was predicted with the same model and settings)");
    private static final OptionSpec<PixelBudget> MAX_PIXELS = OptionSpec.of("max-pixels", "N|WxH",
            text -> PixelBudget.parse(text, "the value"),
            "refuse images larger than this, checked from the PNG header before decoding (-D" + PixelBudget.PROPERTY
                    + " sets the process default)").withDefault(PixelBudget::configured, "8192x8192");

    @Override
    public Options options() {
        return OptionList.of(RuntimeOptions.add(new Options(), true), IMAGES, GT, CITYSCAPES, SPLIT, OUT, BATCH, FORMATS,
                SLIDING, FLIP, SCORE, RESUME, MAX_PIXELS);
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        if (IMAGES.given(line) == CITYSCAPES.given(line)) {
            throw new UsageException("give exactly one of --images DIR or --cityscapes ROOT");
        }
        if (GT.given(line) && !IMAGES.given(line)) {
            throw new UsageException("--gt goes with --images (a Cityscapes root has its own gtFine)");
        }
        Path outDir = OUT.value(line);
        Set<OutputFormat> formats = FORMATS.value(line);
        if (SCORE.given(line) && !formats.contains(OutputFormat.TRAINID) && !formats.contains(OutputFormat.LABELID)) {
            throw new UsageException("--score needs a label output: add trainid or labelid to --formats");
        }
        PredictSettings settings = new PredictSettings(RuntimeOptions.model(line), RuntimeOptions.backend(line),
                RuntimeOptions.backendOptions(line), new PredictOptions(BATCH.value(line), FLIP.given(line),
                SLIDING.optional(line)), formats, outDir, RESUME.given(line), SCORE.given(line),
                MAX_PIXELS.value(line));
        OutputPaths.requireSeparate("--out", outDir, inputFolders(line));

        InputSets.Found inputs = IMAGES.given(line)
                ? InputSets.findInFolder(IMAGES.value(line), GT.optional(line))
                : InputSets.findInCityscapes(CITYSCAPES.value(line), SPLIT.value(line));
        out.printf("%d images to predict%s%n", inputs.inputs().size(), inputs.unreadable().isEmpty() ? ""
                : " (" + inputs.unreadable().size() + " folders cannot be read, listed at the end)");
        PredictSummary summary = new BatchPrediction(settings, out, Terminal.isInteractive(out)).run(inputs);
        return summary.complete() ? Main.OK : SOME_FAILED;
    }

    /** The folders the inputs come from, by the option that named them, to keep --out apart from them. */
    private static Map<String, Path> inputFolders(CommandLine line) {
        Map<String, Path> folders = new LinkedHashMap<>();
        IMAGES.optional(line).ifPresent(d -> folders.put("--images", d));
        GT.optional(line).ifPresent(d -> folders.put("--gt", d));
        if (CITYSCAPES.given(line)) {
            Path root = CITYSCAPES.value(line);
            String split = SPLIT.value(line);
            folders.put("--cityscapes (leftImg8bit/" + split + ")", root.resolve("leftImg8bit").resolve(split));
            folders.put("--cityscapes (gtFine/" + split + ")", root.resolve("gtFine").resolve(split));
        }
        return folders;
    }

    /**
     * {@code --sliding}, parsed as {@code spark predict} parses it ({@link PredictOptionValues#sliding}).
     *
     * @throws IllegalArgumentException naming the part that is wrong
     * @throws UsageException for a tile or stride that is not WIDTHxHEIGHT
     */
    static SlidingWindow parseSliding(String spec) {
        try {
            return PredictOptionValues.sliding(spec);
        } catch (PredictOptionValues.NamedValueException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
