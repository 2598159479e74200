package io.adaptseg.train.data;

import io.adaptseg.core.resample.ImageResize;
import java.util.Optional;

/**
 * How a training sample becomes a network input of {@code width x height} (the crop size, also the
 * size of the labels and of the upsampled predictions): resize (image with {@code resize}, labels
 * nearest); with random scale in {@link ScaleMode#RANGE}, resize instead by a factor drawn uniformly from
 * [{@code scaleMin}, {@code scaleMax}] and take a random {@code width x height} crop (padding with
 * zeros / ignore where the scaled image is smaller); in {@link ScaleMode#CLAN}, resize the image only to
 * CLAN's 0.8/1.0/1.1 × the input size; in {@link ScaleMode#CAG}, size it as {@code randomSized} says and
 * take a random crop; with mirror, flip horizontally with probability 1/2; with blur, as MaxSquare's
 * {@code gaussian_blur} option ("as in PSP"), blur the image (never the labels) with probability 1/2 by a
 * Gaussian of sigma drawn uniformly from [0, 1) pixels.
 *
 * @param resize      how images are resized (labels always nearest)
 * @param randomSized CAG's sizes, present exactly in {@link ScaleMode#CAG}
 */
public record Augmentation(int width, int height, boolean mirror, double scaleMin, double scaleMax, boolean blur,
        ScaleMode scaleMode, ImageResize resize, Optional<RandomSized> randomSized) {
    /** CLAN's draw ({@code dataset/gta5_dataset.py:42-52}): r > 0.7 → 1.1, r < 0.3 → 0.8, else 1.0. */
    private static final double CLAN_LARGE = 1.1;
    private static final double CLAN_SMALL = 0.8;

    public Augmentation {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("input size must be positive, found " + width + "x" + height);
        }
        if (!(scaleMin > 0) || !(scaleMax >= scaleMin)) {
            throw new IllegalArgumentException("scale range must satisfy 0 < min <= max, found " + scaleMin + ".." + scaleMax);
        }
        if (scaleMode == null || resize == null) {
            throw new IllegalArgumentException("scale mode and resize must be given");
        }
        if (randomSized.isPresent() != (scaleMode == ScaleMode.CAG)) {
            throw new IllegalArgumentException("CAG's random sizes go with scale mode cag, found "
                    + randomSized + " in " + scaleMode.id());
        }
    }

    /** Uniform-range scaling with a crop (or none when min = max = 1), images resized bilinear. */
    public Augmentation(int width, int height, boolean mirror, double scaleMin, double scaleMax, boolean blur) {
        this(width, height, mirror, scaleMin, scaleMax, blur, ScaleMode.RANGE, ImageResize.BILINEAR, Optional.empty());
    }

    /** This augmentation with images resized by {@code imageResize}. */
    public Augmentation withResize(ImageResize imageResize) {
        return new Augmentation(width, height, mirror, scaleMin, scaleMax, blur, scaleMode, imageResize, randomSized);
    }

    /** Resize only: no mirror, no scale. */
    public static Augmentation resize(int width, int height) {
        return new Augmentation(width, height, false, 1.0, 1.0, false);
    }

    /** CLAN's image-only scaling of a {@code width x height} input. */
    public static Augmentation clanScale(int width, int height, boolean mirror, boolean blur) {
        return new Augmentation(width, height, mirror, 1.0, 1.0, blur, ScaleMode.CLAN, ImageResize.BILINEAR,
                Optional.empty());
    }

    /** CAG's sizing ({@code sizes}) and random {@code width x height} crop. */
    public static Augmentation cagCrop(int width, int height, boolean mirror, boolean blur, RandomSized sizes) {
        return new Augmentation(width, height, mirror, 1.0, 1.0, blur, ScaleMode.CAG, ImageResize.BILINEAR,
                Optional.of(sizes));
    }

    boolean scales() {
        return scaleMode != ScaleMode.RANGE || scaleMin != 1.0 || scaleMax != 1.0;
    }

    /**
     * The image size {W, H} CLAN's {@code __scale__} gives for a uniform draw {@code r} in [0, 1):
     * {@code (int(W · f), int(H · f))}, f = 1.1 when r > 0.7, 0.8 when r < 0.3, else 1.
     */
    public int[] clanImageSize(double r) {
        double f = r > 0.7 ? CLAN_LARGE : r < 0.3 ? CLAN_SMALL : 1.0;
        if (f == 1.0) {
            return new int[] {width, height};
        }
        return new int[] {(int) (width * f), (int) (height * f)};
    }
}
