package io.adaptseg.app;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.OutputPaths;
import io.adaptseg.core.labels.IdMap;
import io.adaptseg.core.labels.IdMaps;
import io.adaptseg.core.synth.ColourBaseline;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code adaptseg baseline}: fits the network-free {@link ColourBaseline} on labelled source images
 * and writes trainId predictions for a folder of images, to be scored with {@code adaptseg score}.
 */
final class BaselineCommand implements Command {
    private static final String FIT_IMAGES = "fit-images";
    private static final String FIT_LABELS = "fit-labels";
    private static final String LABEL_FORMAT = "label-format";
    private static final String LIMIT = "limit";
    private static final String IMAGES = "images";
    private static final String OUT = "out";

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
        Options o = new Options();
        o.addOption(Option.builder().longOpt(FIT_IMAGES).hasArg().argName("DIR").desc("source images to fit on, e.g. gta5/images").build());
        o.addOption(Option.builder().longOpt(FIT_LABELS).hasArg().argName("DIR").desc("their labels, same file names, e.g. gta5/labels").build());
        o.addOption(Option.builder().longOpt(LABEL_FORMAT).hasArg().argName("FORMAT")
                .desc("labelid (GTA5, Cityscapes; default) or synthia (16-bit SYNTHIA ids)").build());
        o.addOption(Option.builder().longOpt(LIMIT).hasArg().argName("N").desc("fit on the first N pairs only (default 100)").build());
        o.addOption(Option.builder().longOpt(IMAGES).hasArg().argName("DIR").desc("images to predict (searched recursively)").build());
        o.addOption(Option.builder().longOpt(OUT).hasArg().argName("DIR").desc("where the trainId PNGs go (same file names)").build());
        return o;
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        Path fitImages = required(line, FIT_IMAGES);
        Path fitLabels = required(line, FIT_LABELS);
        Path images = required(line, IMAGES);
        Path outDir = required(line, OUT);
        IdMap map = switch (line.getOptionValue(LABEL_FORMAT, "labelid").toLowerCase(Locale.ROOT)) {
            case "labelid" -> IdMaps.CITYSCAPES_LABELID_TO_TRAINID;
            case "synthia" -> IdMaps.SYNTHIA_TO_TRAINID;
            default -> throw new UsageException("--label-format must be labelid or synthia, found '" + line.getOptionValue(LABEL_FORMAT) + "'");
        };
        int limit;
        try {
            limit = Integer.parseInt(line.getOptionValue(LIMIT, "100"));
        } catch (NumberFormatException e) {
            throw new UsageException("--limit must be an integer, found '" + line.getOptionValue(LIMIT) + "'");
        }
        if (limit < 1) {
            throw new UsageException("--limit must be positive, found " + limit);
        }
        OutputPaths.requireSeparate("--" + OUT, outDir, java.util.Map.of("--" + IMAGES, images, "--" + FIT_IMAGES, fitImages,
                "--" + FIT_LABELS, fitLabels));
        OutputPaths.requireWritableFolder(outDir, "--" + OUT);
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

    private static Path required(CommandLine line, String option) {
        if (!line.hasOption(option)) {
            throw new UsageException("--" + option + " DIR is required");
        }
        return Path.of(line.getOptionValue(option));
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
