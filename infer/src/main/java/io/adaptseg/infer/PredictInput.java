package io.adaptseg.infer;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One image to predict: where it is, the folder of its outputs relative to the output root (the
 * city folder for Cityscapes, the sub-folder for image folders) and its ground truth when known.
 */
public record PredictInput(Path image, Path relativeDir, Optional<Path> groundTruth) {
    /** The output file of {@code format} under {@code outRoot}: {@code <outRoot>/<format folder>/<relativeDir>/<name>}. */
    public Path output(Path outRoot, OutputFormat format) {
        return outRoot.resolve(format.folder()).resolve(relativeDir).resolve(format.fileName(image.getFileName().toString()));
    }
}
