package io.adaptseg.train.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.adaptseg.core.resample.Convention;
import io.adaptseg.train.model.Family;
import io.adaptseg.train.model.SegmenterOptions;

/**
 * The forward conventions of the trained network, which are properties of the model it produces:
 * {@code logits-upsampling} (align_corners, the four references' {@code nn.Upsample(...,
 * align_corners=True)}, or half_pixel) and {@code aspp-branches} (how many of DeepLab-v2's four ASPP
 * branches are summed: 4, or 2 as AdaptSegNet's and MaxSquare's code does). docs/fidelity.md says
 * why each default is what it is.
 */
public record NetworkSettings(
        @JsonProperty("logits-upsampling") Convention logitsUpsampling,
        @JsonProperty("aspp-branches") int asppBranches) {
    public NetworkSettings {
        if (asppBranches != 2 && asppBranches != 4) {
            throw new ConfigValueException("aspp-branches", "2 or 4", asppBranches);
        }
    }

    /**
     * The segmenter options of a network of {@code family} trained with these settings (BN affine as the
     * family's reference). The exporter reads {@link #logitsUpsampling()} of a checkpoint's config from here
     * to write the model's upsampling convention.
     */
    public SegmenterOptions segmenterOptions(Family family) {
        return SegmenterOptions.defaults(family).withLogitsUpsampling(logitsUpsampling).withAsppBranches(asppBranches);
    }

    public NetworkSettings withLogitsUpsampling(Convention convention) {
        return new NetworkSettings(convention, asppBranches);
    }

    public NetworkSettings withAsppBranches(int branches) {
        return new NetworkSettings(logitsUpsampling, branches);
    }
}
