package io.adaptseg.train.data;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.labels.IdMap;
import io.adaptseg.core.labels.IdMaps;
import io.adaptseg.core.labels.LabelSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The dataset layouts training reads, with the label map of each: GTA5 ({@code images/},
 * {@code labels/} with Cityscapes labelIds), SYNTHIA-RAND-CITYSCAPES ({@code RGB/}, 16-bit
 * {@code GT/LABELS/} with SYNTHIA ids in channel 0) and Cityscapes ({@code leftImg8bit/<split>/<city>/},
 * {@code gtFine/<split>/<city>/*_gtFine_labelIds.png}). A list file (the reference repos'
 * {@code train.txt}: image paths relative to the image folder) selects and orders samples; without one,
 * every image of the folder is used in name order. Labels are decoded with {@code core}'s id maps to
 * Cityscapes trainIds and then to indices of the training label set (255 = ignore).
 */
public enum DatasetKind {
    GTA5("gta5", IdMaps.CITYSCAPES_LABELID_TO_TRAINID),
    SYNTHIA("synthia", IdMaps.SYNTHIA_TO_TRAINID),
    CITYSCAPES("cityscapes", IdMaps.CITYSCAPES_LABELID_TO_TRAINID);

    private static final String CS_IMAGE_SUFFIX = "_leftImg8bit.png";
    private static final String CS_LABEL_SUFFIX = "_gtFine_labelIds.png";

    private final String id;
    private final IdMap labelMap;

    DatasetKind(String id, IdMap labelMap) {
        this.id = id;
        this.labelMap = labelMap;
    }

    public String id() {
        return id;
    }

    /** The kind named {@code id}; the message names {@code key}. */
    public static DatasetKind byId(String id, String key) throws AdaptsegException {
        for (DatasetKind k : values()) {
            if (k.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new AdaptsegException(key + " must be one of [gta5, synthia, cityscapes], found '" + id + "'");
    }

    /**
     * The samples of {@code dir} (split {@code split} for Cityscapes), in list-file order when
     * {@code listFile} is given. {@code key} names the config option in messages.
     */
    public List<ImagePair> samples(Path dir, String split, Optional<Path> listFile, boolean labelled, String key)
            throws AdaptsegException {
        if (!Files.isDirectory(dir)) {
            throw new AdaptsegException(key + ": data folder " + dir + " does not exist");
        }
        Path images = imageFolder(dir, split);
        if (!Files.isDirectory(images)) {
            throw new AdaptsegException(key + ": " + dir + " is not a " + id + " folder (no " + dir.relativize(images) + "/)");
        }
        List<String> names = listFile.isPresent() ? readList(listFile.get()) : scan(images);
        if (names.isEmpty()) {
            throw new AdaptsegException(key + ": no images in " + images);
        }
        List<ImagePair> out = new ArrayList<>(names.size());
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            Path image = images.resolve(name);
            Optional<Path> label = labelled ? Optional.of(labelFile(dir, split, name)) : Optional.empty();
            if (!Files.isRegularFile(image)) {
                missing.add(image.toString());
            } else if (label.isPresent() && !Files.isRegularFile(label.get())) {
                missing.add(label.get().toString());
            }
            out.add(new ImagePair(name, image, label));
        }
        if (!missing.isEmpty()) {
            throw new AdaptsegException(key + ": " + missing.size() + " file(s) missing in " + dir + ", first "
                    + missing.subList(0, Math.min(3, missing.size())));
        }
        return out;
    }

    private Path imageFolder(Path dir, String split) {
        return switch (this) {
            case GTA5 -> dir.resolve("images");
            case SYNTHIA -> dir.resolve("RGB");
            case CITYSCAPES -> dir.resolve("leftImg8bit").resolve(split);
        };
    }

    private Path labelFile(Path dir, String split, String name) {
        return switch (this) {
            case GTA5 -> dir.resolve("labels").resolve(name);
            case SYNTHIA -> dir.resolve("GT").resolve("LABELS").resolve(name);
            case CITYSCAPES -> dir.resolve("gtFine").resolve(split)
                    .resolve(name.substring(0, name.length() - CS_IMAGE_SUFFIX.length()) + CS_LABEL_SUFFIX);
        };
    }

    private List<String> scan(Path images) throws AdaptsegException {
        String suffix = this == CITYSCAPES ? CS_IMAGE_SUFFIX : ".png";
        try (Stream<Path> walk = Files.walk(images, this == CITYSCAPES ? 2 : 1)) {
            return walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(suffix))
                    .map(p -> images.relativize(p).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new AdaptsegException(images + ": cannot list images (" + e.getMessage() + ")", e);
        }
    }

    private static List<String> readList(Path file) throws AdaptsegException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.map(String::trim).filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new AdaptsegException(file + ": cannot read list file (" + e.getMessage() + ")", e);
        }
    }

    /**
     * A thread-safe decoder of this kind's samples: the RGB image and, when present, the labels mapped
     * raw id → trainId (core's map; unknown ids → ignore as in the references) → index in {@code labelSet}.
     */
    public SampleDecoder<ImagePair> decoder(LabelSet labelSet) {
        int[] raw = labelMap.table();
        int[] table = new int[raw.length];
        for (int v = 0; v < raw.length; v++) {
            table[v] = raw[v] == IdMap.IGNORE ? IdMap.IGNORE : labelSet.fromTrainId(raw[v]);
        }
        return pair -> {
            var image = PngCodec.readRgb(pair.image());
            Optional<LabelImage> labels = Optional.empty();
            if (pair.labels().isPresent()) {
                LabelImage l = PngCodec.readLabels(pair.labels().get());
                int[] v = l.values();
                int[] mapped = new int[v.length];
                for (int i = 0; i < v.length; i++) {
                    int x = v[i];
                    mapped[i] = x >= 0 && x < table.length ? table[x] : IdMap.IGNORE;
                }
                labels = Optional.of(new LabelImage(l.width(), l.height(), mapped));
                if (l.width() != image.width() || l.height() != image.height()) {
                    throw new AdaptsegException(pair.labels().get() + ": labels are " + l.sizeString() + " but the image "
                            + pair.image() + " is " + image.sizeString());
                }
            }
            return new DecodedSample(pair.id(), image, labels);
        };
    }
}
