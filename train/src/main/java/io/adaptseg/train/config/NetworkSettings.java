package io.adaptseg.train.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.adaptseg.core.resample.Convention;
import io.adaptseg.train.model.BatchNormAffine;
import io.adaptseg.train.model.Family;
import io.adaptseg.train.model.SegmenterOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The forward conventions of the trained network, which are properties of the model it produces:
 * {@code logits-upsampling} (align_corners, the four references' {@code nn.Upsample(...,
 * align_corners=True)}, or half_pixel) and {@code aspp-branches} (how many of DeepLab-v2's four ASPP
 * branches are summed: 4, or 2 as AdaptSegNet's and MaxSquare's code does) and {@code bn-affine} (auto:
 * the family's reference; frozen, stem-frozen as MaxSquare, trained). docs/fidelity.md says why each
 * default is what it is.
 */
public record NetworkSettings(
        @JsonProperty("logits-upsampling") Convention logitsUpsampling,
        @JsonProperty("aspp-branches") int asppBranches,
        @JsonProperty("bn-affine") String bnAffine) {
    /** {@code bn-affine} values: auto (the family's reference), then each {@link BatchNormAffine}'s spelling. */
    public static final List<String> BN_AFFINE = bnAffineChoices();

    public NetworkSettings {
        if (asppBranches != 2 && asppBranches != 4) {
            throw new ConfigValueException("aspp-branches", "2 or 4", asppBranches);
        }
        Check.oneOf("bn-affine", bnAffine, BN_AFFINE);
    }

    /**
     * The segmenter options of a network of {@code family} trained with these settings (BN affine as the
     * family's reference). The exporter reads {@link #logitsUpsampling()} of a checkpoint's config from here
     * to write the model's upsampling convention.
     */
    public SegmenterOptions segmenterOptions(Family family) {
        SegmenterOptions options = SegmenterOptions.defaults(family).withLogitsUpsampling(logitsUpsampling)
                .withAsppBranches(asppBranches);
        return bnAffine.equals("auto") ? options
                : options.withBatchNormAffine(BatchNormAffine.valueOf(bnAffine.toUpperCase(Locale.ROOT).replace('-', '_')));
    }

    private static List<String> bnAffineChoices() {
        List<String> out = new ArrayList<>(List.of("auto"));
        Arrays.stream(BatchNormAffine.values()).map(BatchNormAffine::id).forEach(out::add);
        return List.copyOf(out);
    }

    public NetworkSettings withLogitsUpsampling(Convention convention) {
        return new NetworkSettings(convention, asppBranches, bnAffine);
    }

    public NetworkSettings withAsppBranches(int branches) {
        return new NetworkSettings(logitsUpsampling, branches, bnAffine);
    }
}
