package io.adaptseg.infer;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.ImageFiles;
import io.adaptseg.core.io.FileTrees;
import io.adaptseg.core.io.OutputPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
     * The images found, and the folders below the input folder that could not be read: {@code predict}
     * lists those with the failed images and goes on (exit 3), as it does for an unreadable image.
     */
    public record Found(List<PredictInput> inputs, List<FileTrees.Unreadable> unreadable) {
        public Found {
            inputs = List.copyOf(inputs);
            unreadable = List.copyOf(unreadable);
        }

        /** The inputs, or an error naming the first unreadable folder (for callers that cannot list it). */
        public List<PredictInput> requireAllListed() throws AdaptsegException {
            if (!unreadable.isEmpty()) {
                FileTrees.Unreadable u = unreadable.getFirst();
                throw new AdaptsegException("cannot list " + u.path() + ": " + u.reason());
            }
            return inputs;
        }
    }

    /**
     * The images of a Cityscapes split.
     *
     * @throws AdaptsegException when {@code root/leftImg8bit/<split>} is missing or has no images
     */
    public static List<PredictInput> cityscapes(Path root, String split) throws AdaptsegException {
        return findInCityscapes(root, split).requireAllListed();
    }

    /** {@link #cityscapes(Path, String)}, with the folders below the split that could not be read. */
    public static Found findInCityscapes(Path root, String split) throws AdaptsegException {
        Path images = root.resolve("leftImg8bit").resolve(split);
        if (!Files.isDirectory(images)) {
            throw new AdaptsegException(images + " does not exist: --cityscapes expects ROOT/leftImg8bit/" + split
                    + "/<city>/*_leftImg8bit.png (and ROOT/gtFine/" + split + "/ for scoring)");
        }
        Path gtRoot = root.resolve("gtFine").resolve(split);
        List<PredictInput> out = new ArrayList<>();
        FileTrees.Listing listing = list(images);
        for (Path image : listing.files()) {
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
            throw new AdaptsegException(images + " has no *_leftImg8bit.png files" + unreadableNote(listing));
        }
        return new Found(out, listing.unreadable());
    }

    /**
     * Every image under {@code dir} whose extension a reader knows (PNG, JPEG, BMP, GIF, TIFF, …:
     * {@link ImageFiles#extensions()}). With {@code gtDir}, an image {@code a/X.png} is paired
     * with {@code gtDir/a/X.png} or, for Cityscapes names, {@code gtDir/a/K_gtFine_labelIds.png}.
     *
     * @throws AdaptsegException when a folder is missing or there are no images
     */
    public static List<PredictInput> folder(Path dir, Optional<Path> gtDir) throws AdaptsegException {
        return findInFolder(dir, gtDir).requireAllListed();
    }

    /** {@link #folder(Path, Optional)}, with the folders below {@code dir} that could not be read. */
    public static Found findInFolder(Path dir, Optional<Path> gtDir) throws AdaptsegException {
        if (!Files.isDirectory(dir)) {
            throw new AdaptsegException("--images " + dir + " does not exist or is not a folder");
        }
        if (gtDir.isPresent() && !Files.isDirectory(gtDir.get())) {
            throw new AdaptsegException("--gt " + gtDir.get() + " does not exist or is not a folder");
        }
        List<PredictInput> out = new ArrayList<>();
        FileTrees.Listing listing = list(dir);
        for (Path image : listing.files()) {
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
            throw new AdaptsegException("--images " + dir + " has no image files (" + ImageFiles.extensions() + ")"
                    + unreadableNote(listing));
        }
        return new Found(out, listing.unreadable());
    }

    private static Optional<Path> groundTruthFor(Path dir, String imageName) {
        String stem = imageName.substring(0, imageName.lastIndexOf('.'));
        List<String> candidates = new ArrayList<>(List.of(stem + ".png"));
        if (stem.endsWith(LEFT)) {
            candidates.addFirst(stem.substring(0, stem.length() - LEFT.length()) + "_gtFine_labelIds.png");
        }
        return candidates.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst();
    }

    private static String unreadableNote(FileTrees.Listing listing) {
        return listing.unreadable().isEmpty() ? "" : " that could be read (" + listing.unreadable().getFirst().path()
                + ": " + listing.unreadable().getFirst().reason() + ")";
    }

    private static FileTrees.Listing list(Path dir) throws AdaptsegException {
        try {
            // hidden files include the temporary files of interrupted atomic writes; a link given as the
            // folder is resolved, links below it are not followed into folders
            return FileTrees.listFiles(dir, name -> !name.startsWith("."));
        } catch (IOException | UncheckedIOException e) {
            throw new AdaptsegException("cannot list " + dir + ": " + OutputPaths.reason(e instanceof IOException io ? io
                    : ((UncheckedIOException) e).getCause()), e);
        }
    }
}
