package io.adaptseg.core.dataset;

import io.adaptseg.core.AdaptsegException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Cityscapes: {@code leftImg8bit/<split>/<city>/<stem>_leftImg8bit.png} with
 * {@code gtFine/<split>/<city>/<stem>_gtFine_labelIds.png} (or {@code _gtFine_labelTrainIds.png},
 * as cityscapesScripts' createTrainIdLabelImgs writes them); samples sorted by city, then stem.
 *
 * @param root the folder holding {@code leftImg8bit} and {@code gtFine}
 * @param split "train", "val", "test" (or any folder name under {@code leftImg8bit})
 * @param withLabels whether to pair labels (false for unlabelled target training)
 * @param labelFormat which ground-truth files pair: {@link LabelDecoder#LABEL_IDS} or
 *     {@link LabelDecoder#TRAIN_IDS}
 */
public record CityscapesLayout(Path root, String split, boolean withLabels, LabelDecoder labelFormat)
        implements DatasetLayout {
    static final String IMAGE_SUFFIX = "_leftImg8bit.png";
    static final String LABEL_SUFFIX = "_gtFine_labelIds.png";
    static final String TRAIN_ID_SUFFIX = "_gtFine_labelTrainIds.png";

    public CityscapesLayout {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(split, "split");
        if (labelFormat != LabelDecoder.LABEL_IDS && labelFormat != LabelDecoder.TRAIN_IDS) {
            throw new IllegalArgumentException("Cityscapes ground truth is labelid (" + LABEL_SUFFIX + ") or trainid ("
                    + TRAIN_ID_SUFFIX + "), found " + labelFormat);
        }
    }

    /** The official ground truth, {@code _gtFine_labelIds.png}. */
    public CityscapesLayout(Path root, String split, boolean withLabels) {
        this(root, split, withLabels, LabelDecoder.LABEL_IDS);
    }

    /**
     * A labelled split with the ground truth it has: labelIds, or trainIds when the label folder holds
     * {@code _gtFine_labelTrainIds.png} files and no labelId file.
     *
     * @throws AdaptsegException when the label folder cannot be listed
     */
    public static CityscapesLayout labelled(Path root, String split) throws AdaptsegException {
        CityscapesLayout labelIds = new CityscapesLayout(root, split, true);
        Path labels = labelIds.labelFolder();
        if (Files.isDirectory(labels) && byCityAndStem(labels, LABEL_SUFFIX).isEmpty()
                && !byCityAndStem(labels, TRAIN_ID_SUFFIX).isEmpty()) {
            return new CityscapesLayout(root, split, true, LabelDecoder.TRAIN_IDS);
        }
        return labelIds;
    }

    @Override
    public String describe() {
        return "cityscapes " + split + (labelFormat == LabelDecoder.TRAIN_IDS ? " (trainIds)" : "") + " at " + root;
    }

    @Override
    public Optional<LabelDecoder> labelDecoder() {
        return withLabels ? Optional.of(labelFormat) : Optional.empty();
    }

    /** {@code <root>/leftImg8bit/<split>}. */
    public Path imageFolder() {
        return root.resolve("leftImg8bit").resolve(split);
    }

    /** {@code <root>/gtFine/<split>}. */
    public Path labelFolder() {
        return root.resolve("gtFine").resolve(split);
    }

    @Override
    public PairingReport pair() throws AdaptsegException {
        Path images = imageFolder();
        DatasetFiles.requireFolder(images, "Cityscapes image folder",
                images + "/<city>/<city>_<seq>_<frame>" + IMAGE_SUFFIX);
        Map<String, Path> imageFiles = byCityAndStem(images, IMAGE_SUFFIX);
        if (!withLabels) {
            if (imageFiles.isEmpty()) {
                throw nothingFound(images);
            }
            List<Sample> samples = new ArrayList<>(imageFiles.size());
            imageFiles.forEach((key, image) -> samples.add(Sample.unlabelled(stem(key), image, Optional.of(city(key)))));
            return new PairingReport(describe(), samples, List.of());
        }
        Path labels = labelFolder();
        String labelSuffix = labelFormat == LabelDecoder.TRAIN_IDS ? TRAIN_ID_SUFFIX : LABEL_SUFFIX;
        DatasetFiles.requireFolder(labels, "Cityscapes label folder",
                labels + "/<city>/<city>_<seq>_<frame>" + labelSuffix);
        Map<String, Path> labelFiles = byCityAndStem(labels, labelSuffix);
        if (imageFiles.isEmpty() && labelFiles.isEmpty()) {
            throw nothingFound(images);
        }
        List<Sample> samples = new ArrayList<>(imageFiles.size());
        List<Unpaired> unpaired = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(imageFiles.keySet());
        keys.addAll(labelFiles.keySet());
        for (String key : keys) {
            Path image = imageFiles.get(key);
            Path label = labelFiles.get(key);
            if (image != null && label != null) {
                samples.add(new Sample(stem(key), image, Optional.of(label), Optional.of(city(key))));
            } else if (image != null) {
                unpaired.add(new Unpaired(image, "image without a label: no " + labels.resolve(key + labelSuffix)));
            } else {
                unpaired.add(new Unpaired(label, "label without an image: no " + images.resolve(key + IMAGE_SUFFIX)));
            }
        }
        return new PairingReport(describe(), samples, unpaired);
    }

    private static AdaptsegException nothingFound(Path images) {
        return new AdaptsegException("no Cityscapes images in " + images + " (expected <city>/*" + IMAGE_SUFFIX + ")");
    }

    /** "city/stem" → file, sorted; files with other suffixes (_color, _instanceIds, json) are not samples. */
    private static Map<String, Path> byCityAndStem(Path splitFolder, String suffix) throws AdaptsegException {
        Map<String, Path> files = new TreeMap<>();
        for (Path cityFolder : DatasetFiles.list(splitFolder, name -> true, true)) {
            String city = cityFolder.getFileName().toString();
            for (Path file : DatasetFiles.list(cityFolder, name -> name.endsWith(suffix), false)) {
                String name = file.getFileName().toString();
                files.put(city + "/" + name.substring(0, name.length() - suffix.length()), file);
            }
        }
        return files;
    }

    private static String city(String key) {
        return key.substring(0, key.indexOf('/'));
    }

    private static String stem(String key) {
        return key.substring(key.indexOf('/') + 1);
    }
}
