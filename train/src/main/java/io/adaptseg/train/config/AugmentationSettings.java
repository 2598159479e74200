package io.adaptseg.train.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.adaptseg.train.data.ScaleMode;

/**
 * Training-time augmentation of both domains: mirror, random scale ({@code scale-mode} range: in
 * [scale-min, scale-max] with a crop; clan: CLAN's image-only 0.8/1.0/1.1, scale-min/max unused), blur.
 */
public record AugmentationSettings(
        @JsonProperty("random-mirror") boolean randomMirror,
        @JsonProperty("random-scale") boolean randomScale,
        @JsonProperty("scale-mode") ScaleMode scaleMode,
        @JsonProperty("scale-min") double scaleMin,
        @JsonProperty("scale-max") double scaleMax,
        @JsonProperty("gaussian-blur") boolean gaussianBlur) {
    public AugmentationSettings {
        if (!(Check.finite("scale-min", scaleMin) > 0)) {
            throw new ConfigValueException("scale-min", "a number > 0", scaleMin);
        }
        if (!(Check.finite("scale-max", scaleMax) >= scaleMin)) {
            throw new ConfigValueException("scale-max", "a number >= scale-min (" + scaleMin + ")", scaleMax);
        }
    }

    public AugmentationSettings withMirror(boolean mirror) {
        return new AugmentationSettings(mirror, randomScale, scaleMode, scaleMin, scaleMax, gaussianBlur);
    }

    /** Random scaling on, in {@code mode}. */
    public AugmentationSettings withScale(ScaleMode mode) {
        return new AugmentationSettings(randomMirror, true, mode, scaleMin, scaleMax, gaussianBlur);
    }
}
