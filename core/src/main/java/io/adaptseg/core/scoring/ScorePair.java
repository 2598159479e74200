package io.adaptseg.core.scoring;

import java.nio.file.Path;

/**
 * One ground-truth file and the prediction that scores against it.
 *
 * @param key the shared name: {@code <city>_<seq>_<frame>} for Cityscapes names, else the file stem
 */
public record ScorePair(String key, Path gt, Path pred) {
}
