package io.adaptseg.core.dataset;

import io.adaptseg.core.AdaptsegException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The reference repos' list files: {@code train.txt} / {@code val.txt} with one image path per line
 * relative to {@code imageRoot} (e.g. {@code frankfurt/frankfurt_000000_000294_leftImg8bit.png} or
 * {@code 00001.png}), and optionally {@code label.txt}, whose line i is the label of image line i,
 * relative to {@code labelRoot}. Without a label list, a labelled layout finds each label under the
 * image's relative path in {@code labelRoot} (GTA5: {@code labels/%s}), or takes a second
 * whitespace-separated field of the image line. Samples keep the list's order. Blank lines and lines
 * starting with {@code #} are skipped.
 *
 * @param labelRoot folder the label entries are relative to; null with a decoder means imageRoot
 * @param labelList the label list, or null
 * @param decoder the label format, or null for unlabelled data
 */
public record ListFileLayout(Path imageRoot, Path imageList, Path labelRoot, Path labelList, LabelDecoder decoder)
        implements DatasetLayout {
    public ListFileLayout {
        Objects.requireNonNull(imageRoot, "imageRoot");
        Objects.requireNonNull(imageList, "imageList");
        if (decoder == null && labelList != null) {
            throw new IllegalArgumentException("a label list needs a label format (decoder)");
        }
        if (decoder != null && labelRoot == null) {
            labelRoot = imageRoot;
        }
    }

    /** An unlabelled list. */
    public static ListFileLayout images(Path imageRoot, Path imageList) {
        return new ListFileLayout(imageRoot, imageList, null, null, null);
    }

    @Override
    public String describe() {
        return "list " + imageList + " (images in " + imageRoot + ")";
    }

    @Override
    public Optional<LabelDecoder> labelDecoder() {
        return Optional.ofNullable(decoder);
    }

    /** One entry of a list file and where it came from. */
    private record Entry(String path, String second, int line) {
    }

    @Override
    public PairingReport pair() throws AdaptsegException {
        DatasetFiles.requireFolder(imageRoot, "image root of " + imageList.getFileName(),
                "the folder the paths in " + imageList + " are relative to");
        List<Entry> images = read(imageList);
        List<Entry> labels = labelList == null ? null : read(labelList);
        if (labels != null && labels.size() != images.size()) {
            throw new AdaptsegException(imageList + " has " + images.size() + " entries but " + labelList + " has "
                    + labels.size() + "; line i of one must be the label of line i of the other");
        }
        if (images.isEmpty()) {
            throw new AdaptsegException(imageList + ": the list has no entries");
        }
        String imageListName = imageList.getFileName().toString();
        List<Sample> samples = new ArrayList<>(images.size());
        List<Unpaired> unpaired = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < images.size(); i++) {
            Entry entry = images.get(i);
            Path image = imageRoot.resolve(entry.path());
            Optional<CityscapesName> name = CityscapesName.parse(image.getFileName().toString());
            String id = name.map(CityscapesName::stem).orElseGet(() -> DatasetFiles.withoutExtension(entry.path()));
            boolean ok = true;
            if (!Files.isRegularFile(image)) {
                unpaired.add(new Unpaired(image, "listed in " + imageListName + " line " + entry.line() + " but missing"));
                ok = false;
            }
            if (!ids.add(id)) {
                unpaired.add(new Unpaired(image, "listed twice in " + imageListName + " (id " + id + ", line "
                        + entry.line() + ")"));
                ok = false;
            }
            Optional<Path> label = Optional.empty();
            if (decoder != null) {
                String where = labels != null ? labelList.getFileName() + " line " + labels.get(i).line()
                        : imageListName + " line " + entry.line();
                Path file = labelRoot.resolve(labels != null ? labels.get(i).path()
                        : entry.second() != null ? entry.second() : entry.path());
                if (!Files.isRegularFile(file)) {
                    unpaired.add(new Unpaired(file, "label listed in " + where + " but missing"));
                    ok = false;
                }
                Optional<CityscapesName> labelName = CityscapesName.parse(file.getFileName().toString());
                if (name.isPresent() && labelName.isPresent() && !name.get().stem().equals(labelName.get().stem())) {
                    unpaired.add(new Unpaired(file, where + " pairs it with image " + image + " of another frame"));
                    ok = false;
                }
                label = Optional.of(file);
            }
            if (ok) {
                samples.add(new Sample(id, image, label, name.map(CityscapesName::city)));
            }
        }
        return new PairingReport(describe(), samples, unpaired);
    }

    private static List<Entry> read(Path list) throws AdaptsegException {
        List<String> lines;
        try {
            lines = Files.readAllLines(list);
        } catch (NoSuchFileException e) {
            throw new AdaptsegException("list file not found: " + list);
        } catch (IOException e) {
            throw new AdaptsegException(list + ": cannot read list file (" + e.getMessage() + ")", e);
        }
        List<Entry> entries = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length > 2) {
                throw new AdaptsegException(list + " line " + (i + 1) + ": expected a path (and an optional label path), found '"
                        + line + "'");
            }
            entries.add(new Entry(fields[0], fields.length == 2 ? fields[1] : null, i + 1));
        }
        return entries;
    }
}
