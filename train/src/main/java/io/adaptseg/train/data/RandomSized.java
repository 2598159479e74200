package io.adaptseg.train.data;

/**
 * CAG's two-step sizing of a training image before its random crop: first the dataset's fixed size
 * ({@code img_cols × img_rows}, {@code data/gta5_dataset.py:159-160}: 1914×1052 for GTA5, 2048×1024 for
 * Cityscapes), then {@code RandomSized(width)} ({@code augmentations/augmentations.py:359-378}): a width
 * of {@code int(uniform(0.5, 1.5) · width)} and the height that keeps the aspect ratio,
 * {@code int(w / (W / H))}.
 *
 * @param baseWidth  the fixed size's width
 * @param baseHeight the fixed size's height
 * @param width      the random width's centre (CAG's {@code rsize}, 2200)
 */
public record RandomSized(int baseWidth, int baseHeight, int width) {
    public RandomSized {
        if (baseWidth <= 0 || baseHeight <= 0 || width <= 0) {
            throw new IllegalArgumentException("sizes must be positive, found base " + baseWidth + "x" + baseHeight
                    + ", width " + width);
        }
    }

    /** The scaled size {W, H} for a uniform draw {@code r} in [0, 1), with Python's {@code int()} truncation. */
    public int[] size(double r) {
        // random.uniform(0.5, 1.5) is 0.5 + (1.5 - 0.5) * random()
        int w = (int) ((0.5 + r) * width);
        double aspect = 1.0 * baseWidth / baseHeight;
        return new int[] {w, (int) (w / aspect)};
    }
}
