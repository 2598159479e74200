package io.adaptseg.train.data;

import java.nio.file.Path;
import java.util.Optional;

/** One sample on disk: an id for messages, the image file and, for labelled sets, the label file. */
public record ImagePair(String id, Path image, Optional<Path> labels) {
}
