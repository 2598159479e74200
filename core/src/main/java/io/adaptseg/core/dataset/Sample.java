package io.adaptseg.core.dataset;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One image of a dataset and, where the dataset has one, its label file. Paths only: a list of
 * 25,000 samples costs a few megabytes.
 *
 * @param id a name unique in the dataset: for Cityscapes-named files the {@code <city>_<seq>_<frame>}
 *     stem, otherwise the image's path relative to the dataset folder without ".png"
 * @param image the image file
 * @param label the label file, empty for unlabelled data
 * @param city the Cityscapes city, for Cityscapes-named files
 */
public record Sample(String id, Path image, Optional<Path> label, Optional<String> city) {
    public Sample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(city, "city");
    }

    /** A sample without a label. */
    public static Sample unlabelled(String id, Path image, Optional<String> city) {
        return new Sample(id, image, Optional.empty(), city);
    }

    /** The {@code <city>_<seq>_<frame>} stem of a Cityscapes-named sample. */
    public Optional<String> cityscapesStem() {
        return city.map(c -> id);
    }

    /** The label file, or an {@link IllegalStateException} naming the image for unlabelled samples. */
    public Path requireLabel() {
        return label.orElseThrow(() -> new IllegalStateException("sample " + id + " (" + image + ") has no label"));
    }
}
