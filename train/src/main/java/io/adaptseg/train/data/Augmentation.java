package io.adaptseg.train.data;

/**
 * How a training sample becomes a network input: resize to {@code width x height} (image bilinear,
 * labels nearest); with random scale, resize instead by a factor drawn uniformly from
 * [{@code scaleMin}, {@code scaleMax}] and take a random {@code width x height} crop (padding with
 * zeros / ignore where the scaled image is smaller); with mirror, flip horizontally with
 * probability 1/2; with blur, as MaxSquare's {@code gaussian_blur} option ("as in PSP"), blur the image
 * (never the labels) with probability 1/2 by a Gaussian of sigma drawn uniformly from [0, 1) pixels.
 */
public record Augmentation(int width, int height, boolean mirror, double scaleMin, double scaleMax, boolean blur) {
    public Augmentation {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("input size must be positive, found " + width + "x" + height);
        }
        if (!(scaleMin > 0) || !(scaleMax >= scaleMin)) {
            throw new IllegalArgumentException("scale range must satisfy 0 < min <= max, found " + scaleMin + ".." + scaleMax);
        }
    }

    /** Resize only: no mirror, no scale. */
    public static Augmentation resize(int width, int height) {
        return new Augmentation(width, height, false, 1.0, 1.0, false);
    }

    boolean scales() {
        return scaleMin != 1.0 || scaleMax != 1.0;
    }
}
