package io.adaptseg.train.model;

import io.adaptseg.core.AdaptsegException;

/**
 * How many ASPP branches a checkpoint published by a reference repository was trained and evaluated
 * with, and why: the forward of an imported checkpoint must be the one that produced its weights,
 * or its predictions change. Used where reference weights are deployed (the export of
 * {@code --weights}); training keeps the {@code aspp-branches} of its config.
 *
 * @param asppBranches the branch count to build the network with
 * @param reason       one sentence for the export report
 */
public record PublishedWeights(int asppBranches, String reason) {
    /** The choice for a registry architecture name. */
    public static PublishedWeights forArchitecture(String architecture) throws AdaptsegException {
        if (SegmenterRegistry.family(architecture) != Family.DEEPLAB_V2) {
            return new PublishedWeights(DeepLabV2.ASPP_RATES.size(),
                    "DeepLab-v3+ has no summed ASPP; CAG's checkpoints use the network as written");
        }
        if (architecture.endsWith("-" + HeadLayout.CLAN.id())) {
            return new PublishedWeights(4, "CLAN's Classifier_Module sums all four branches (model/CLAN_G.py)");
        }
        // AdaptSegNet model/deeplab_multi.py:114-118 and MaxSquare graphs/models/deeplab_multi.py: `return`
        // inside the loop, so only conv2d_list.0 + conv2d_list.1 ever contributed
        return new PublishedWeights(2, "AdaptSegNet's and MaxSquare's Classifier_Module returns inside its loop"
                + " (model/deeplab_multi.py:114-118): their checkpoints were trained and evaluated with branches 0 and 1"
                + " only");
    }
}
