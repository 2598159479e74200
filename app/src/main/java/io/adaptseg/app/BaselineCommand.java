package io.adaptseg.app;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.OutputPaths;
import io.adaptseg.core.labels.IdMap;
import io.adaptseg.core.labels.IdMaps;
import io.adaptseg.synth.ColourBaseline;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code adaptseg baseline}: fits the network-free {@link ColourBaseline} on labelled source images
 * and writes trainId predictions for a folder of images, to be scored with {@code adaptseg score}.
 */
final class BaselineCommand implements Command {
    private static final OptionSpec<Path> FIT_IMAGES = OptionSpec.of("fit-images", "DIR", Parsers.PATH,
            "source images to fit on, e.g. gta5/images").required();
    private static final OptionSpec<Path> FIT_LABELS = OptionSpec.of("fit-labels", "DIR", Parsers.PATH,
            "their labels, same file names, e.g. gta5/labels").required();
    private static final OptionSpec<IdMap> LABEL_FORMAT = OptionSpec.of("label-format", "FORMAT",
            Parsers.choice(BaselineCommand::labelMap), "labelid (GTA5, Cityscapes) or synthia (16-bit SYNTHIA ids)")
            .withDefault(() -> IdMaps.CITYSCAPES_LABELID_TO_TRAINID, "labelid");
    private static final OptionSpec<Integer> LIMIT = OptionSpec.of("limit", "N", Parsers.integer(1),
            "fit on the first N pairs only").withDefault(100);
    private static final OptionSpec<Path> IMAGES = OptionSpec.of("images", "DIR", Parsers.PATH,
            "images to predict (searched recursively)").required();
    private static final OptionSpec<Path> OUT = CommonOptions.OUT_DIR.required();

    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public String summary() {
        return "fit the nearest-class-colour baseline on source labels and predict a folder (shows the domain gap)";
    }

    @Override
    public String synopsis() {
        return "--fit-images DIR --fit-labels DIR --images DIR --out DIR [--label-format labelid|synthia] [--limit N]";
    }

    @Override
    public Options options() {
        return OptionList.of(FIT_IMAGES, FIT_LABELS, LABEL_FORMAT, LIMIT, IMAGES, OUT);
    }

    private static IdMap labelMap(String format) {
        return switch (format) {
            case "labelid" -> IdMaps.CITYSCAPES_LABELID_TO_TRAINID;
            case "synthia" -> IdMaps.SYNTHIA_TO_TRAINID;
            default -> throw new IllegalArgumentException("must be labelid or synthia, found '" + format + "'");
        };
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        Path fitImages = FIT_IMAGES.value(line);
        Path fitLabels = FIT_LABELS.value(line);
        Path images = IMAGES.value(line);
        Path outDir = OUT.value(line);
        IdMap map = LABEL_FORMAT.value(line);
        int limit = LIMIT.value(line);
        OutputPaths.requireSeparate("--" + OUT.name(), outDir, java.util.Map.of("--" + IMAGES.name(), images,
                "--" + FIT_IMAGES.name(), fitImages, "--" + FIT_LABELS.name(), fitLabels));
        OutputPaths.requireWritableFolder(outDir, "--" + OUT.name());
        List<Path> imageFiles = new ArrayList<>();
        List<Path> labelFiles = new ArrayList<>();
        for (Path image : pngs(fitImages)) {
            if (imageFiles.size() == limit) {
                break;
            }
            Path label = fitLabels.resolve(fitImages.relativize(image).toString());
            if (!Files.isRegularFile(label)) {
                throw new AdaptsegException(image + ": no label file " + label);
            }
            imageFiles.add(image);
            labelFiles.add(label);
        }
        ColourBaseline model = ColourBaseline.fit(imageFiles, labelFiles, map);
        out.printf(Locale.ROOT, "baseline: fitted on %d labelled images from %s%n", imageFiles.size(), fitImages);
        List<Path> written = model.predictFolder(images, outDir);
        out.printf(Locale.ROOT, "baseline: wrote %d trainId predictions to %s (score them with adaptseg score --pred %s)%n",
                written.size(), outDir, outDir);
        return Main.OK;
    }

    private static List<Path> pngs(Path dir) throws AdaptsegException {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = walk.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".png")).sorted().toList();
            if (files.isEmpty()) {
                throw new AdaptsegException(dir + ": no .png images found");
            }
            return files;
        } catch (IOException e) {
            throw new AdaptsegException(dir + ": cannot list images (" + e.getMessage() + ")", e);
        }
    }
}
