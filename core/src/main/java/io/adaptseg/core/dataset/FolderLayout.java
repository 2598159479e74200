package io.adaptseg.core.dataset;

import io.adaptseg.core.AdaptsegException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every PNG below a folder, without labels (images to predict). Cityscapes-named files get their
 * stem as id and their city; others their relative path without ".png". Sorted by path.
 */
public record FolderLayout(Path folder) implements DatasetLayout {
    public FolderLayout {
        Objects.requireNonNull(folder, "folder");
    }

    @Override
    public String describe() {
        return "image folder " + folder;
    }

    @Override
    public Optional<LabelDecoder> labelDecoder() {
        return Optional.empty();
    }

    @Override
    public PairingReport pair() throws AdaptsegException {
        DatasetFiles.requireFolder(folder, "image folder", "a folder of *.png images");
        List<Path> files = DatasetFiles.walkPngs(folder);
        if (files.isEmpty()) {
            throw new AdaptsegException("no PNG images in " + folder);
        }
        List<Sample> samples = new ArrayList<>(files.size());
        Map<String, Path> seen = new HashMap<>();
        for (Path file : files) {
            Optional<CityscapesName> name = CityscapesName.parse(file.getFileName().toString());
            String id = name.map(CityscapesName::stem).orElseGet(() ->
                    DatasetFiles.withoutExtension(folder.relativize(file).toString().replace('\\', '/')));
            Path before = seen.put(id, file);
            if (before != null) {
                throw new AdaptsegException(folder + ": two images have the id " + id + ": " + before + " and " + file);
            }
            samples.add(Sample.unlabelled(id, file, name.map(CityscapesName::city)));
        }
        return new PairingReport(describe(), samples, List.of());
    }
}
