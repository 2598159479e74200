package io.adaptseg.train.model;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.resample.ImageResize;

/**
 * How a checkpoint published by a reference repository was trained and evaluated, and why: its ASPP
 * branch count (the forward of an imported checkpoint must be the one that produced its weights, or
 * its predictions change) and the resize its input images went through (the deployed model must see
 * the inputs the weights were trained and evaluated on). Used where reference weights are deployed
 * (the export of {@code --weights}); training keeps the {@code aspp-branches} and {@code image-resize}
 * of its config.
 *
 * @param asppBranches the branch count to build the network with
 * @param reason       one sentence for the export report
 * @param inputResize  the input image resize of the repository the weights come from
 * @param resizeReason one sentence for the export report
 */
public record PublishedWeights(int asppBranches, String reason, ImageResize inputResize, String resizeReason) {
    // AdaptSegNet dataset/cityscapes_dataset.py:45, CLAN dataset/cityscapes_dataset.py:56, MaxSquare
    // datasets/cityscapes_Dataset.py:187,222: Image.BICUBIC for training and evaluation images alike
    private static final String BICUBIC_REASON = "AdaptSegNet, CLAN and MaxSquare resize their images with PIL"
            + " bicubic (dataset/cityscapes_dataset.py)";

    /** The choice for a registry architecture name. */
    public static PublishedWeights forArchitecture(String architecture) throws AdaptsegException {
        if (SegmenterRegistry.family(architecture) != Family.DEEPLAB_V2) {
            // CAG data/cityscapes_dataset.py:170, augmentations/augmentations.py:374: Image.BILINEAR
            return new PublishedWeights(DeepLabV2.ASPP_RATES.size(),
                    "DeepLab-v3+ has no summed ASPP; CAG's checkpoints use the network as written",
                    ImageResize.PIL_BILINEAR, "CAG resizes its images with PIL bilinear (data/cityscapes_dataset.py:170)");
        }
        if (architecture.endsWith("-" + HeadLayout.CLAN.id())) {
            return new PublishedWeights(4, "CLAN's Classifier_Module sums all four branches (model/CLAN_G.py)",
                    ImageResize.BICUBIC, BICUBIC_REASON);
        }
        // AdaptSegNet model/deeplab_multi.py:114-118 and MaxSquare graphs/models/deeplab_multi.py: `return`
        // inside the loop, so only conv2d_list.0 + conv2d_list.1 ever contributed
        return new PublishedWeights(2, "AdaptSegNet's and MaxSquare's Classifier_Module returns inside its loop"
                + " (model/deeplab_multi.py:114-118): their checkpoints were trained and evaluated with branches 0 and 1"
                + " only", ImageResize.BICUBIC, BICUBIC_REASON);
    }
}
