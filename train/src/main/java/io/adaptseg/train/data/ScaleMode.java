package io.adaptseg.train.data;

import java.util.Locale;

/** How random scaling changes a training sample (with {@code random-scale: true}). */
public enum ScaleMode {
    /**
     * Image and labels resized by a factor drawn uniformly from [scale-min, scale-max], then a random
     * crop of the input size, padded where the scaled sample is smaller (DeepLab's usual augmentation).
     */
    RANGE,
    /**
     * CLAN's {@code __scale__} ({@code dataset/gta5_dataset.py:42-64}, the same in its Cityscapes and
     * SYNTHIA sets): the <em>image only</em> is resized to 0.8×, 1.0× or 1.1× the input size (probabilities
     * 0.3, 0.4, 0.3; sizes truncated as Python's {@code int()}), the labels stay at the input size, no crop.
     * Predictions are upsampled to the input size, so the label geometry is unchanged.
     */
    CLAN,
    /**
     * CAG's training crops ({@code augmentations/augmentations.py:359-378} after the dataset's resize,
     * {@code data/gta5_dataset.py:159-160}): image and labels resized to the domain's fixed size, then to a
     * width of uniform(0.5, 1.5) × {@code random-size-width} keeping the aspect ratio, then a random crop of
     * the input size (CAG's {@code RandomCrop}: where the scaled image is smaller than the crop, it is
     * resized to the crop size instead). See {@link RandomSized}.
     */
    CAG;

    /** The config spelling. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
