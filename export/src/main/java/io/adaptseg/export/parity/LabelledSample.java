package io.adaptseg.export.parity;

import java.nio.file.Path;

/**
 * One image of a labelled dataset and its ground truth.
 *
 * @param key the shared name: {@code <city>_<seq>_<frame>} for Cityscapes names, else the file stem
 */
public record LabelledSample(String key, Path image, Path labels) {
}
