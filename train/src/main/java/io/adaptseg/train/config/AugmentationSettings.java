package io.adaptseg.train.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.adaptseg.train.data.ScaleMode;
import java.util.Optional;

/**
 * Training-time augmentation of both domains: mirror, random scale ({@code scale-mode} range: in
 * [scale-min, scale-max] with a crop; clan: CLAN's image-only 0.8/1.0/1.1, scale-min/max unused; cag:
 * CAG's resize to {@code base-size} / {@code base-size-target}, width × uniform(0.5, 1.5) ×
 * {@code random-size-width}, random crop of the input size), blur.
 */
public record AugmentationSettings(
        @JsonProperty("random-mirror") boolean randomMirror,
        @JsonProperty("random-scale") boolean randomScale,
        @JsonProperty("scale-mode") ScaleMode scaleMode,
        @JsonProperty("scale-min") double scaleMin,
        @JsonProperty("scale-max") double scaleMax,
        @JsonProperty("gaussian-blur") boolean gaussianBlur,
        @JsonProperty("base-size") Optional<Size> baseSize,
        @JsonProperty("base-size-target") Optional<Size> baseSizeTarget,
        @JsonProperty("random-size-width") int randomSizeWidth) {
    public AugmentationSettings {
        if (!(Check.finite("scale-min", scaleMin) > 0)) {
            throw new ConfigValueException("scale-min", "a number > 0", scaleMin);
        }
        if (!(Check.finite("scale-max", scaleMax) >= scaleMin)) {
            throw new ConfigValueException("scale-max", "a number >= scale-min (" + scaleMin + ")", scaleMax);
        }
        Check.positive("random-size-width", randomSizeWidth);
        if (randomScale && scaleMode == ScaleMode.CAG) {
            // CAG resizes every image to its dataset's size first (data/gta5_dataset.py:159)
            if (baseSize.isEmpty()) {
                throw new ConfigValueException("base-size", "a size W,H with scale-mode cag (the source images'"
                        + " size before CAG's random sizing, 1914,1052 for GTA5)", "");
            }
            if (baseSizeTarget.isEmpty()) {
                throw new ConfigValueException("base-size-target", "a size W,H with scale-mode cag (the target"
                        + " images' size before CAG's random sizing, 2048,1024 for Cityscapes)", "");
            }
        }
    }

    public AugmentationSettings withMirror(boolean mirror) {
        return new AugmentationSettings(mirror, randomScale, scaleMode, scaleMin, scaleMax, gaussianBlur, baseSize,
                baseSizeTarget, randomSizeWidth);
    }

    /** Random scaling on, in {@code mode}. */
    public AugmentationSettings withScale(ScaleMode mode) {
        return new AugmentationSettings(randomMirror, true, mode, scaleMin, scaleMax, gaussianBlur, baseSize,
                baseSizeTarget, randomSizeWidth);
    }
}
