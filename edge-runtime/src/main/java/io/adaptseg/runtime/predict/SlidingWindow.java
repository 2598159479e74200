package io.adaptseg.runtime.predict;

/**
 * Sliding-window inference settings: the image is first scaled by {@code scale}, then covered by
 * tiles of tileHeight×tileWidth placed every strideY/strideX pixels (the last tile of a row or
 * column is moved back to end at the border); overlapping logits are averaged.
 */
public record SlidingWindow(int tileHeight, int tileWidth, int strideY, int strideX, double scale) {
    public SlidingWindow {
        if (tileHeight <= 0 || tileWidth <= 0 || strideY <= 0 || strideX <= 0) {
            throw new IllegalArgumentException("tile and stride must be positive, found tile " + tileWidth + "x"
                    + tileHeight + ", stride " + strideX + "x" + strideY + " (WxH)");
        }
        if (strideY > tileHeight || strideX > tileWidth) {
            throw new IllegalArgumentException("stride " + strideX + "x" + strideY + " larger than tile " + tileWidth
                    + "x" + tileHeight + " (WxH) would leave gaps");
        }
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale must be positive, found " + scale);
        }
    }

    /** Tile starts along an axis of {@code length} pixels. */
    static int[] starts(int length, int tile, int stride) {
        if (tile >= length) {
            return new int[] {0};
        }
        int n = (length - tile + stride - 1) / stride + 1;
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = Math.min(i * stride, length - tile);
        }
        return s;
    }
}
