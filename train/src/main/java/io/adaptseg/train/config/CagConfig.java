package io.adaptseg.train.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CAG's own keys: the anchors file ({@code adaptseg anchors}), the predictor's weights (default
 * {@code restore-from}), the anchor margin, the distance-loss weight, the minimum pixels of a centroid,
 * whether the centroids' gradient is scaled as CAG's {@code normalisation_pooling}, and the size the
 * anchors are computed at ({@code anchor-size}: the source set resized to it, without augmentation, as
 * CAG's {@code cac.py} at 1914×1052; empty: one epoch of the training stream).
 */
public record CagConfig(
        @JsonProperty("anchors") Optional<Path> anchors,
        @JsonProperty("predictor-from") Optional<Path> predictorFrom,
        @JsonProperty("delta-d") double deltaD,
        @JsonProperty("anchor-weight") double anchorWeight,
        @JsonProperty("anchor-min-pixels") int anchorMinPixels,
        @JsonProperty("normalisation-pooling") boolean normalisationPooling,
        @JsonProperty("anchor-size") Optional<Size> anchorSize) {
    public CagConfig {
        Check.nonNegative("delta-d", deltaD);
        Check.nonNegative("anchor-weight", anchorWeight);
        Check.positive("anchor-min-pixels", anchorMinPixels);
    }

    /** A stage of the schedule: anchors from {@code anchorsFile}, pseudo-labels from {@code predictor}. */
    public CagConfig withStage(Path anchorsFile, Path predictor) {
        return new CagConfig(Optional.of(anchorsFile), Optional.of(predictor), deltaD, anchorWeight, anchorMinPixels,
                normalisationPooling, anchorSize);
    }
}
