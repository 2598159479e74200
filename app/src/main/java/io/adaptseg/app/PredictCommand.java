package io.adaptseg.app;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.progress.Terminal;
import io.adaptseg.core.image.PixelBudget;
import io.adaptseg.core.io.OutputPaths;
import io.adaptseg.infer.BatchPrediction;
import io.adaptseg.infer.InputSets;
import io.adaptseg.infer.OutputFormat;
import io.adaptseg.infer.PredictInput;
import io.adaptseg.infer.PredictSettings;
import io.adaptseg.infer.PredictSummary;
import io.adaptseg.runtime.backend.BackendKind;
import io.adaptseg.runtime.backend.BackendOptions;
import io.adaptseg.runtime.predict.PredictOptions;
import io.adaptseg.runtime.predict.SlidingWindow;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
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

    @Override
    public Options options() {
        Options o = RuntimeOptions.add(new Options(), true);
        o.addOption(Option.builder().longOpt("images").hasArg().argName("DIR")
                .desc("a folder of PNG/JPEG images, searched recursively").build());
        o.addOption(Option.builder().longOpt("gt").hasArg().argName("DIR")
                .desc("with --images: ground-truth labelId PNGs at the same relative paths").build());
        o.addOption(Option.builder().longOpt("cityscapes").hasArg().argName("ROOT")
                .desc("a Cityscapes root with leftImg8bit/<split>/ (and gtFine/<split>/ for scoring)").build());
        o.addOption(Option.builder().longOpt("split").hasArg().argName("NAME").desc("Cityscapes split (default val)").build());
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").required()
                .desc("output folder (city sub-folders are kept)").build());
        o.addOption(Option.builder().longOpt("batch").hasArg().argName("N").desc("images per model run (default 4)").build());
        o.addOption(Option.builder().longOpt("formats").hasArg().argName("LIST")
                .desc("outputs: trainid,labelid,color,overlay (default trainid,labelid,color)").build());
        o.addOption(Option.builder().longOpt("sliding").hasArg().argName("SPEC")
                .desc("sliding windows instead of whole images: tile=WxH,stride=WxH[,scale=S]").build());
        o.addOption(Option.builder().longOpt("flip").desc("average the logits of the image and its mirror").build());
        o.addOption(Option.builder().longOpt("score").desc("require ground truth and score (scoring also runs whenever it exists)").build());
        o.addOption(Option.builder().longOpt("resume")
                .desc("skip images whose outputs are all complete (only when --out was predicted with the same model and settings)").build());
        o.addOption(Option.builder().longOpt("max-pixels").hasArg().argName("N|WxH")
                .desc("refuse images larger than this, checked from the PNG header before decoding (default 8192x8192,"
                        + " or -D" + PixelBudget.PROPERTY + ")").build());
        return o;
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        if (line.hasOption("images") == line.hasOption("cityscapes")) {
            throw new UsageException("give exactly one of --images DIR or --cityscapes ROOT");
        }
        if (line.hasOption("gt") && !line.hasOption("images")) {
            throw new UsageException("--gt goes with --images (a Cityscapes root has its own gtFine)");
        }
        String split = line.getOptionValue("split", "val");
        if (!split.matches("[A-Za-z0-9_.-]+") || split.contains("..")) {
            throw new UsageException("--split must be a folder name such as val, train or test, found '" + split + "'");
        }
        BackendKind backend = RuntimeOptions.backend(line);
        BackendOptions backendOptions = RuntimeOptions.backendOptions(line);
        int batch = ScoreCommand.intOption(line, "batch", 4, 1);
        Optional<SlidingWindow> sliding = line.hasOption("sliding")
                ? Optional.of(ScoreCommand.choice(line, "sliding", "", PredictCommand::parseSliding)) : Optional.empty();
        Set<OutputFormat> formats = ScoreCommand.choice(line, "formats", "trainid,labelid,color", OutputFormat::parseList);
        PixelBudget budget;
        try {
            budget = line.hasOption("max-pixels") ? PixelBudget.parse(line.getOptionValue("max-pixels"), "--max-pixels")
                    : PixelBudget.configured();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Path outDir = Path.of(line.getOptionValue("out"));
        PredictSettings settings = new PredictSettings(RuntimeOptions.model(line), backend, backendOptions,
                new PredictOptions(batch, line.hasOption("flip"), sliding), formats, outDir,
                line.hasOption("resume"), line.hasOption("score"), budget);
        OutputPaths.requireSeparate("--out", outDir, inputFolders(line));

        List<PredictInput> inputs = line.hasOption("images")
                ? InputSets.folder(Path.of(line.getOptionValue("images")), Optional.ofNullable(line.getOptionValue("gt")).map(Path::of))
                : InputSets.cityscapes(Path.of(line.getOptionValue("cityscapes")), line.getOptionValue("split", "val"));
        out.printf("%d images to predict%n", inputs.size());
        PredictSummary summary = new BatchPrediction(settings, out, Terminal.isInteractive(out)).run(inputs);
        return summary.complete() ? Main.OK : SOME_FAILED;
    }

    /** The folders the inputs come from, by the option that named them, to keep --out apart from them. */
    private static Map<String, Path> inputFolders(CommandLine line) {
        Map<String, Path> folders = new LinkedHashMap<>();
        if (line.hasOption("images")) {
            folders.put("--images", Path.of(line.getOptionValue("images")));
        }
        if (line.hasOption("gt")) {
            folders.put("--gt", Path.of(line.getOptionValue("gt")));
        }
        if (line.hasOption("cityscapes")) {
            Path root = Path.of(line.getOptionValue("cityscapes"));
            String split = line.getOptionValue("split", "val");
            folders.put("--cityscapes (leftImg8bit/" + split + ")", root.resolve("leftImg8bit").resolve(split));
            folders.put("--cityscapes (gtFine/" + split + ")", root.resolve("gtFine").resolve(split));
        }
        return folders;
    }

    /**
     * Parses {@code tile=WxH,stride=WxH[,scale=S]}, sizes WIDTHxHEIGHT as every size option; the
     * stride defaults to two thirds of the tile.
     *
     * @throws IllegalArgumentException naming the part that is wrong
     * @throws UsageException for a tile or stride that is not WIDTHxHEIGHT
     */
    static SlidingWindow parseSliding(String spec) {
        Map<String, String> parts = new HashMap<>();
        for (String token : spec.split(",")) {
            int eq = token.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected tile=WxH,stride=WxH[,scale=S], found '" + token.trim() + "' in '" + spec + "'");
            }
            parts.put(token.substring(0, eq).trim().toLowerCase(Locale.ROOT), token.substring(eq + 1).trim());
        }
        for (String key : parts.keySet()) {
            if (!Set.of("tile", "stride", "scale").contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' in '" + spec + "', expected tile, stride, scale");
            }
        }
        if (!parts.containsKey("tile")) {
            throw new IllegalArgumentException("tile=WxH is required in '" + spec + "'");
        }
        ImageSize tile = ImageSize.parse("--sliding tile", parts.get("tile"), 1);
        ImageSize stride = parts.containsKey("stride") ? ImageSize.parse("--sliding stride", parts.get("stride"), 1)
                : new ImageSize(Math.max(1, tile.width() * 2 / 3), Math.max(1, tile.height() * 2 / 3));
        double scale;
        try {
            scale = Double.parseDouble(parts.getOrDefault("scale", "1"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("scale must be a number, found '" + parts.get("scale") + "'");
        }
        return new SlidingWindow(tile.height(), tile.width(), stride.height(), stride.width(), scale);
    }
}
