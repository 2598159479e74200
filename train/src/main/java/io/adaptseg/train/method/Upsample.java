package io.adaptseg.train.method;

import ai.djl.ndarray.NDArray;

/**
 * Bilinear upsampling of (N, C, h, w) to (N, C, H, W) with half-pixel centres (PyTorch
 * {@code align_corners=False}); gradients flow through it. DJL's interpolation anti-aliases when
 * shrinking (STACK.md), so it refuses to downsample.
 */
public final class Upsample {
    private static final int BILINEAR = 1;

    private Upsample() {
    }

    /** {@code x} resized to (height, width); returns {@code x} itself when already that size. */
    public static NDArray to(NDArray x, long height, long width) {
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        if (h == height && w == width) {
            return x;
        }
        if (h > height || w > width) {
            throw new IllegalArgumentException("refusing to downsample " + x.getShape() + " to " + height + "x" + width
                    + ": bilinear interpolation anti-aliases when shrinking");
        }
        return x.getNDArrayInternal().interpolation(new long[] {height, width}, BILINEAR, false);
    }
}
