package io.adaptseg.train.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Training-time augmentation of both domains: mirror, random scale in [scale-min, scale-max], blur. */
public record AugmentationSettings(
        @JsonProperty("random-mirror") boolean randomMirror,
        @JsonProperty("random-scale") boolean randomScale,
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
        return new AugmentationSettings(mirror, randomScale, scaleMin, scaleMax, gaussianBlur);
    }
}
