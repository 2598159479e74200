package io.adaptseg.train.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.adaptseg.core.scoring.Protocol;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Validation during training: every {@code val-every} iterations (0: never) on the target's
 * {@code val-split} (or {@code val-data-dir}), at most {@code val-max-images} images (0: all), scored
 * with {@code val-protocol} (default: the label set's).
 */
public record ValidationSettings(
        @JsonProperty("val-every") int every,
        @JsonProperty("val-split") String split,
        @JsonProperty("val-data-dir") Optional<Path> dataDir,
        @JsonProperty("val-max-images") int maxImages,
        @JsonProperty("val-list") Optional<Path> list,
        @JsonProperty("val-protocol") Optional<Protocol> protocol) {
    public ValidationSettings {
        Check.nonNegative("val-every", every);
        Check.nonNegative("val-max-images", maxImages);
    }

    public ValidationSettings withEvery(int iterations, int images) {
        return new ValidationSettings(iterations, split, dataDir, images, list, protocol);
    }
}
