package io.adaptseg.export.calibration;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.dataset.FolderLayout;
import io.adaptseg.core.dataset.Sample;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.core.model.ModelMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The images a calibration pass runs: PNGs under {@code DIR/leftImg8bit} (a Cityscapes folder; its
 * gtFine label PNGs are not images), else {@code DIR/images} (a folder dataset), else every PNG under
 * {@code DIR}; {@code count} of them spread evenly over the sorted list, so that every city or
 * sequence is represented rather than the first one only.
 *
 * @param option the option that named the folder, for messages
 * @param root the folder given
 * @param files the chosen images
 */
public record CalibrationImages(String option, Path root, List<Path> files) {
    public CalibrationImages {
        files = List.copyOf(files);
    }

    /**
     * Chooses up to {@code count} images.
     *
     * @throws AdaptsegException naming the option and folder when it is missing or holds no PNG
     */
    public static CalibrationImages choose(String option, Path root, int count) throws AdaptsegException {
        if (count <= 0) {
            throw new IllegalArgumentException("calibration image count must be positive, found " + count);
        }
        return spread(option, root, list(option, root), count);
    }

    private static List<Sample> list(String option, Path root) throws AdaptsegException {
        if (!Files.isDirectory(root)) {
            throw new AdaptsegException(option + " " + root + " does not exist or is not a folder");
        }
        Path folder = Files.isDirectory(root.resolve("leftImg8bit")) ? root.resolve("leftImg8bit")
                : Files.isDirectory(root.resolve("images")) ? root.resolve("images") : root;
        try {
            return new FolderLayout(folder).samples();
        } catch (AdaptsegException e) {
            throw new AdaptsegException(option + " " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Up to {@code count} images of the same folder that were not chosen, spread over the rest, so that
     * what was calibrated is checked on other images; the chosen ones when the folder has no others.
     *
     * @throws AdaptsegException when the folder can no longer be listed
     */
    public CalibrationImages heldOut(int count) throws AdaptsegException {
        List<Sample> others = new ArrayList<>(list(option, root));
        others.removeIf(s -> files.contains(s.image()));
        return others.isEmpty() ? this : spread(option, root, others, count);
    }

    /**
     * Up to {@code count} of a dataset's images already listed (e.g. the parity dataset's split),
     * spread evenly over them.
     */
    public static CalibrationImages spread(String option, Path root, List<Sample> samples, int count) {
        if (count <= 0 || samples.isEmpty()) {
            throw new IllegalArgumentException("need a positive count and samples, found " + count + " and "
                    + samples.size());
        }
        int n = Math.min(count, samples.size());
        List<Path> chosen = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            chosen.add(samples.get((int) ((long) i * samples.size() / n)).image());
        }
        return new CalibrationImages(option, root, chosen);
    }

    /**
     * One image as the model sees it: resized to the training input size with the model's input resize
     * (as the runtime's predictor does) and normalised by the model's contract, NCHW with N = 1.
     *
     * @throws AdaptsegException naming the file when it cannot be read as a PNG
     */
    public static float[] prepare(Path file, ModelMetadata model) throws AdaptsegException {
        RgbImage image = PngCodec.readRgb(file);
        int w = model.inputWidth();
        int h = model.inputHeight();
        byte[] rgb = model.inputResize().resize(image.rgb(), image.width(), image.height(), w, h);
        float[] chw = new float[3 * w * h];
        model.normalization().toChw(rgb, w * h, chw, 0);
        return chw;
    }
}
