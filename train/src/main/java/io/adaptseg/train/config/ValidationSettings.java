package io.adaptseg.train.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.adaptseg.core.scoring.Protocol;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Validation during training: every {@code val-every} iterations (0: never) on the target's
 * {@code val-split} (or {@code val-data-dir}), at most {@code val-max-images} images (0: all), scored
 * with {@code val-protocol} (default: the label set's), the images resized to {@code val-input-size}
 * (default: {@code input-size-target}; CAG validates at 2048×1024 while it trains on 896×512 crops).
 */
public record ValidationSettings(
        @JsonProperty("val-every") int every,
        @JsonProperty("val-split") String split,
        @JsonProperty("val-data-dir") Optional<Path> dataDir,
        @JsonProperty("val-max-images") int maxImages,
        @JsonProperty("val-list") Optional<Path> list,
        @JsonProperty("val-protocol") Optional<Protocol> protocol,
        @JsonProperty("val-input-size") Optional<Size> inputSize) {
    public ValidationSettings {
        Check.nonNegative("val-every", every);
        Check.nonNegative("val-max-images", maxImages);
    }

    public ValidationSettings withEvery(int iterations, int images) {
        return new ValidationSettings(iterations, split, dataDir, images, list, protocol, inputSize);
    }
}
