package io.adaptseg.infer;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.ImageFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the images to predict: a Cityscapes split ({@code leftImg8bit/<split>/<city>/*_leftImg8bit.png}
 * with ground truth {@code gtFine/<split>/<city>/*_gtFine_labelIds.png}) or any folder of images,
 * recursively, with optional ground truth in a parallel folder. Lists are sorted, so runs and
 * resumed runs see the same order.
 */
public final class InputSets {
    private static final String LEFT = "_leftImg8bit";

    private InputSets() {
    }

    /**
     * The images of a Cityscapes split.
     *
     * @throws AdaptsegException when {@code root/leftImg8bit/<split>} is missing or has no images
     */
    public static List<PredictInput> cityscapes(Path root, String split) throws AdaptsegException {
        Path images = root.resolve("leftImg8bit").resolve(split);
        if (!Files.isDirectory(images)) {
            throw new AdaptsegException(images + " does not exist: --cityscapes expects ROOT/leftImg8bit/" + split
                    + "/<city>/*_leftImg8bit.png (and ROOT/gtFine/" + split + "/ for scoring)");
        }
        Path gtRoot = root.resolve("gtFine").resolve(split);
        List<PredictInput> out = new ArrayList<>();
        for (Path image : list(images)) {
            String name = image.getFileName().toString();
            if (!name.endsWith(LEFT + ".png")) {
                continue;
            }
            Path rel = images.relativize(image).getParent();
            Path relDir = rel == null ? Path.of("") : rel;
            String key = name.substring(0, name.length() - (LEFT + ".png").length());
            Path gt = gtRoot.resolve(relDir).resolve(key + "_gtFine_labelIds.png");
            out.add(new PredictInput(image, relDir, Files.isRegularFile(gt) ? Optional.of(gt) : Optional.empty()));
        }
        if (out.isEmpty()) {
            throw new AdaptsegException(images + " has no *_leftImg8bit.png files");
        }
        return out;
    }

    /**
     * Every image under {@code dir} whose extension a reader knows (PNG, JPEG, BMP, GIF, TIFF, …:
     * {@link ImageFiles#extensions()}). With {@code gtDir}, an image {@code a/X.png} is paired
     * with {@code gtDir/a/X.png} or, for Cityscapes names, {@code gtDir/a/K_gtFine_labelIds.png}.
     *
     * @throws AdaptsegException when a folder is missing or there are no images
     */
    public static List<PredictInput> folder(Path dir, Optional<Path> gtDir) throws AdaptsegException {
        if (!Files.isDirectory(dir)) {
            throw new AdaptsegException("--images " + dir + " does not exist or is not a folder");
        }
        if (gtDir.isPresent() && !Files.isDirectory(gtDir.get())) {
            throw new AdaptsegException("--gt " + gtDir.get() + " does not exist or is not a folder");
        }
        List<PredictInput> out = new ArrayList<>();
        for (Path image : list(dir)) {
            String name = image.getFileName().toString();
            if (!ImageFiles.hasImageExtension(name)) {
                continue;
            }
            Path rel = dir.relativize(image).getParent();
            Path relDir = rel == null ? Path.of("") : rel;
            Optional<Path> gt = gtDir.flatMap(g -> groundTruthFor(g.resolve(relDir), name));
            out.add(new PredictInput(image, relDir, gt));
        }
        if (out.isEmpty()) {
            throw new AdaptsegException("--images " + dir + " has no image files (" + ImageFiles.extensions() + ")");
        }
        return out;
    }

    private static Optional<Path> groundTruthFor(Path dir, String imageName) {
        String stem = imageName.substring(0, imageName.lastIndexOf('.'));
        List<String> candidates = new ArrayList<>(List.of(stem + ".png"));
        if (stem.endsWith(LEFT)) {
            candidates.addFirst(stem.substring(0, stem.length() - LEFT.length()) + "_gtFine_labelIds.png");
        }
        return candidates.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst();
    }

    private static List<Path> list(Path dir) throws AdaptsegException {
        try (Stream<Path> walk = Files.walk(dir)) {
            // hidden files include the temporary files of interrupted atomic writes
            return walk.filter(p -> Files.isRegularFile(p) && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new AdaptsegException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
