package io.adaptseg.train.data;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.dataset.DatasetKind;
import io.adaptseg.core.dataset.DatasetLayout;
import io.adaptseg.core.dataset.DatasetSpec;
import io.adaptseg.core.dataset.LabelDecoder;
import io.adaptseg.core.dataset.Sample;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.core.labels.IdMap;
import io.adaptseg.core.labels.LabelSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A training or validation dataset: {@code core}'s layout of a {@code gta5}, {@code synthia} or
 * {@code cityscapes} folder ({@link DatasetSpec}), optionally restricted and ordered by a reference
 * list file ({@code train.txt}: image paths relative to the image folder), and a decoder that reads
 * the image and turns the label file into trainIds with the layout's {@link LabelDecoder}, then into
 * indices of the training label set (255 = ignore).
 *
 * @param description for messages, e.g. "gta5 at data/synth/gta5"
 * @param samples paths only, in a deterministic order
 * @param labels the layout's label decoder (empty for unlabelled use)
 */
public record TrainingData(String description, List<Sample> samples, Optional<LabelDecoder> labels) {
    /**
     * Opens a dataset; {@code key} names the config option in messages.
     *
     * @param kind "gta5", "synthia" or "cityscapes"
     * @param split the Cityscapes split ("train", "val"); ignored by the other layouts
     * @param labelled whether samples must have labels
     */
    public static TrainingData open(String kind, Path dir, String split, Optional<Path> listFile, boolean labelled, String key)
            throws AdaptsegException {
        DatasetKind k;
        try {
            k = DatasetKind.byId(kind.trim());
        } catch (IllegalArgumentException e) {
            throw new AdaptsegException(key + ": dataset kind must be one of [gta5, synthia, cityscapes], found '" + kind + "'");
        }
        if (k != DatasetKind.GTA5 && k != DatasetKind.SYNTHIA && k != DatasetKind.CITYSCAPES) {
            throw new AdaptsegException(key + ": dataset kind must be one of [gta5, synthia, cityscapes], found '" + kind + "'");
        }
        if (!Files.isDirectory(dir)) {
            throw new AdaptsegException(key + ": data folder " + dir + " does not exist");
        }
        DatasetLayout layout = k == DatasetKind.CITYSCAPES ? DatasetSpec.cityscapes(dir, split, labelled).open()
                : DatasetSpec.of(k, dir).open();
        List<Sample> all;
        try {
            all = layout.samples();
        } catch (AdaptsegException e) {
            throw new AdaptsegException(key + ": " + e.getMessage(), e);
        }
        List<Sample> samples = listFile.isPresent() ? select(all, k, imageFolder(k, dir, split), listFile.get(), key) : all;
        if (samples.isEmpty()) {
            throw new AdaptsegException(key + ": no images in " + layout.describe());
        }
        return new TrainingData(layout.describe(), samples, labelled ? layout.labelDecoder() : Optional.empty());
    }

    private static Path imageFolder(DatasetKind k, Path dir, String split) {
        return switch (k) {
            case GTA5 -> dir.resolve("images");
            case SYNTHIA -> dir.resolve("RGB");
            default -> dir.resolve("leftImg8bit").resolve(split);
        };
    }

    /**
     * The samples named by a list file, in its order; an entry the layout does not hold is an error. An
     * entry is a path relative to the image folder ({@code 00001.png}, {@code aachen/aachen_..._leftImg8bit.png})
     * or, for GTA5, MaxSquare's bare image number ({@code 1} for {@code 00001.png},
     * {@code datasets/gta5_Dataset.py:63-65}).
     */
    private static List<Sample> select(List<Sample> all, DatasetKind kind, Path imageFolder, Path listFile, String key)
            throws AdaptsegException {
        if (!Files.isRegularFile(listFile)) {
            throw new AdaptsegException(key + ": the list file " + listFile
                    + (Files.exists(listFile) ? " is not a file" : " does not exist")
                    + (kind == DatasetKind.GTA5 ? " (the reference GTA5 splits, e.g. MaxSquare's 12,403-image train"
                            + " list, are datasets/gta5_list/*.txt of github.com/ZJULearning/MaxSquareLoss; see"
                            + " docs/fidelity.md)" : ""));
        }
        Map<String, Sample> byPath = new HashMap<>();
        for (Sample s : all) {
            byPath.put(imageFolder.relativize(s.image()).toString().replace('\\', '/'), s);
        }
        List<String> names;
        try (Stream<String> lines = Files.lines(listFile)) {
            names = lines.map(String::trim).filter(l -> !l.isEmpty()).toList();
        } catch (IOException | UncheckedIOException e) {
            throw new AdaptsegException(listFile + ": cannot read list file (" + e.getMessage() + ")", e);
        }
        List<Sample> out = new ArrayList<>(names.size());
        for (String name : names) {
            Sample s = byPath.get(name);
            if (s == null && kind == DatasetKind.GTA5 && name.matches("[0-9]{1,5}")) {
                s = byPath.get(String.format(Locale.ROOT, "%05d.png", Integer.parseInt(name)));
            }
            if (s == null) {
                throw new AdaptsegException(key + ": " + listFile + " names " + name + ", which is not an image of "
                        + imageFolder + " with its label");
            }
            out.add(s);
        }
        return out;
    }

    /** The first {@code max} samples (all when {@code max <= 0}). */
    public TrainingData limit(long max) {
        return max > 0 && max < samples.size() ? new TrainingData(description, samples.subList(0, (int) max), labels) : this;
    }

    /**
     * A thread-safe decoder: the RGB image and, for labelled data, the labels as indices of
     * {@code labelSet} (trainIds outside the set and ignored pixels are 255).
     */
    public SampleDecoder<Sample> decoder(LabelSet labelSet) {
        int[] toSet = new int[256];
        for (int t = 0; t < 256; t++) {
            toSet[t] = t == IdMap.IGNORE ? IdMap.IGNORE : labelSet.fromTrainId(t);
        }
        return sample -> {
            RgbImage image = PngCodec.readRgb(sample.image());
            Optional<LabelImage> out = Optional.empty();
            if (labels.isPresent()) {
                Path file = sample.requireLabel();
                LabelImage l = labels.get().read(file, null);
                if (l.width() != image.width() || l.height() != image.height()) {
                    throw new AdaptsegException(file + ": labels are " + l.sizeString() + " but the image " + sample.image()
                            + " is " + image.sizeString());
                }
                int[] v = l.values();
                for (int i = 0; i < v.length; i++) {
                    v[i] = toSet[v[i]];
                }
                out = Optional.of(l);
            }
            return new DecodedSample(sample.id(), image, out);
        };
    }
}
