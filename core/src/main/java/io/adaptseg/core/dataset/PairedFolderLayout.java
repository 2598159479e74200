package io.adaptseg.core.dataset;

import io.adaptseg.core.AdaptsegException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An image folder and a label folder whose PNGs pair by file name: GTA5 ({@code images/},
 * {@code labels/}, labelIds) and SYNTHIA-RAND-CITYSCAPES ({@code RGB/}, {@code GT/LABELS/}, 16-bit
 * raw ids in channel 0). Samples are sorted by file name.
 */
public record PairedFolderLayout(String name, Path root, String imageFolder, String labelFolder, LabelDecoder decoder)
        implements DatasetLayout {
    public PairedFolderLayout {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(imageFolder, "imageFolder");
        Objects.requireNonNull(labelFolder, "labelFolder");
        Objects.requireNonNull(decoder, "decoder");
    }

    /** GTA5: {@code images/*.png} and {@code labels/*.png} (Cityscapes labelIds). */
    public static PairedFolderLayout gta5(Path root) {
        return new PairedFolderLayout("gta5", root, "images", "labels", LabelDecoder.LABEL_IDS);
    }

    /** SYNTHIA-RAND-CITYSCAPES: {@code RGB/*.png} and {@code GT/LABELS/*.png}. */
    public static PairedFolderLayout synthia(Path root) {
        return new PairedFolderLayout("synthia", root, "RGB", "GT/LABELS", LabelDecoder.SYNTHIA);
    }

    @Override
    public String describe() {
        return name + " at " + root;
    }

    @Override
    public Optional<LabelDecoder> labelDecoder() {
        return Optional.of(decoder);
    }

    @Override
    public PairingReport pair() throws AdaptsegException {
        Path images = root.resolve(imageFolder);
        Path labels = root.resolve(labelFolder);
        DatasetFiles.requireFolder(images, name + " image folder", images + "/*.png");
        DatasetFiles.requireFolder(labels, name + " label folder", labels + "/*.png");
        Map<String, Path> imageFiles = byName(images);
        Map<String, Path> labelFiles = byName(labels);
        if (imageFiles.isEmpty() && labelFiles.isEmpty()) {
            throw new AdaptsegException("no " + name + " images in " + images + " (expected *.png)");
        }
        TreeSet<String> names = new TreeSet<>(imageFiles.keySet());
        names.addAll(labelFiles.keySet());
        List<Sample> samples = new ArrayList<>(imageFiles.size());
        List<Unpaired> unpaired = new ArrayList<>();
        for (String file : names) {
            Path image = imageFiles.get(file);
            Path label = labelFiles.get(file);
            if (image != null && label != null) {
                samples.add(new Sample(DatasetFiles.withoutExtension(file), image, Optional.of(label), Optional.empty()));
            } else if (image != null) {
                unpaired.add(new Unpaired(image, "image without a label: no " + labels.resolve(file)));
            } else {
                unpaired.add(new Unpaired(label, "label without an image: no " + images.resolve(file)));
            }
        }
        return new PairingReport(describe(), samples, unpaired);
    }

    private static Map<String, Path> byName(Path dir) throws AdaptsegException {
        Map<String, Path> files = new TreeMap<>();
        for (Path file : DatasetFiles.list(dir, DatasetFiles::isPng, false)) {
            files.put(file.getFileName().toString(), file);
        }
        return files;
    }
}
