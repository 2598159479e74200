package io.adaptseg.export.parity;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.scoring.LabelFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The images and ground truth that parity scores, found in one of two layouts:
 * <ul>
 *   <li>Cityscapes: {@code DIR/leftImg8bit/<split>/<city>/*_leftImg8bit.png} with
 *       {@code DIR/gtFine/<split>/<city>/*_gtFine_labelIds.png} (labelIds), or
 *       {@code *_gtFine_labelTrainIds.png} (trainIds) when there are no labelId files;
 *   <li>folders: {@code DIR/images/*.png} with {@code DIR/labels/*.png} of the same stem, holding
 *       Cityscapes trainIds (255 = ignore).
 * </ul>
 * Every image needs its ground truth; a missing one is an error naming the file.
 */
public record LabelledDataset(Path root, String layout, LabelFormat gtFormat, List<LabelledSample> samples) {
    private static final Pattern IMAGE = Pattern.compile("(.+?_\\d{6}_\\d{6})_leftImg8bit\\.png");
    private static final String LABEL_IDS = "_gtFine_labelIds.png";
    private static final String TRAIN_IDS = "_gtFine_labelTrainIds.png";

    public LabelledDataset {
        samples = List.copyOf(samples);
    }

    /**
     * Finds the samples under {@code root}; {@code split} names the Cityscapes split folder.
     *
     * @throws AdaptsegException naming the folder or file when neither layout is there, a folder is
     *     empty or an image has no ground truth
     */
    public static LabelledDataset open(Path root, String split) throws AdaptsegException {
        if (!Files.isDirectory(root)) {
            throw new AdaptsegException("--data " + root + " does not exist or is not a folder");
        }
        if (Files.isDirectory(root.resolve("leftImg8bit"))) {
            return cityscapes(root, split);
        }
        if (Files.isDirectory(root.resolve("images")) && Files.isDirectory(root.resolve("labels"))) {
            return folders(root);
        }
        throw new AdaptsegException("--data " + root + " has neither leftImg8bit/<split> + gtFine/<split>"
                + " (Cityscapes) nor images/ + labels/ folders");
    }

    private static LabelledDataset cityscapes(Path root, String split) throws AdaptsegException {
        Path images = folder(root.resolve("leftImg8bit").resolve(split));
        Path gt = folder(root.resolve("gtFine").resolve(split));
        Map<String, Path> byKey = new TreeMap<>();
        for (Path p : pngs(images)) {
            Matcher m = IMAGE.matcher(p.getFileName().toString());
            if (m.matches()) {
                byKey.put(m.group(1), p);
            }
        }
        if (byKey.isEmpty()) {
            throw new AdaptsegException(images + " has no *_leftImg8bit.png images");
        }
        List<Path> gtFiles = pngs(gt);
        boolean labelIds = gtFiles.stream().anyMatch(p -> p.getFileName().toString().endsWith(LABEL_IDS));
        String suffix = labelIds ? LABEL_IDS : TRAIN_IDS;
        Map<String, Path> gtByKey = new TreeMap<>();
        for (Path p : gtFiles) {
            String name = p.getFileName().toString();
            if (name.endsWith(suffix)) {
                gtByKey.put(name.substring(0, name.length() - suffix.length()), p);
            }
        }
        List<LabelledSample> samples = new ArrayList<>();
        for (Map.Entry<String, Path> e : byKey.entrySet()) {
            Path labels = gtByKey.get(e.getKey());
            if (labels == null) {
                throw new AdaptsegException(e.getValue() + " has no ground truth " + e.getKey() + suffix + " in " + gt);
            }
            samples.add(new LabelledSample(e.getKey(), e.getValue(), labels));
        }
        return new LabelledDataset(root, "cityscapes/" + split, labelIds ? LabelFormat.LABELID : LabelFormat.TRAINID,
                samples);
    }

    private static LabelledDataset folders(Path root) throws AdaptsegException {
        Path labels = root.resolve("labels");
        List<LabelledSample> samples = new ArrayList<>();
        List<Path> images = pngs(root.resolve("images"));
        if (images.isEmpty()) {
            throw new AdaptsegException(root.resolve("images") + " has no PNG images");
        }
        for (Path image : images) {
            String name = image.getFileName().toString();
            Path gt = labels.resolve(root.resolve("images").relativize(image));
            if (!Files.isRegularFile(gt)) {
                throw new AdaptsegException(image + " has no ground truth " + gt);
            }
            samples.add(new LabelledSample(name.substring(0, name.length() - ".png".length()), image, gt));
        }
        return new LabelledDataset(root, "folders", LabelFormat.TRAINID, samples);
    }

    private static Path folder(Path dir) throws AdaptsegException {
        if (!Files.isDirectory(dir)) {
            throw new AdaptsegException("dataset folder " + dir + " does not exist (Cityscapes layout, see --split)");
        }
        return dir;
    }

    private static List<Path> pngs(Path dir) throws AdaptsegException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".png") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new AdaptsegException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
