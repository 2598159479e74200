package io.adaptseg.core.resample;

/**
 * How an 8-bit RGB input image is resized to the network's input size. AdaptSegNet, CLAN and MaxSquare
 * use PIL bicubic, CAG PIL bilinear; plain bilinear (half-pixel, no antialiasing) is what adaptseg
 * always did and what the edge runtime does (docs/fidelity.md says which is the default and why).
 */
public enum ImageResize {
    /** Half-pixel bilinear, 2×2 taps, no antialiasing ({@link Resampler#resizeRgb}). */
    BILINEAR("bilinear"),
    /** PIL's {@code Image.resize(size, Image.BICUBIC)} bit for bit, antialiased when shrinking ({@link Resampler#resizeRgbBicubic}). */
    BICUBIC("bicubic"),
    /** PIL's {@code Image.resize(size, Image.BILINEAR)} bit for bit, antialiased when shrinking ({@link Resampler#resizeRgbPilBilinear}). */
    PIL_BILINEAR("pil-bilinear");

    private final String id;

    ImageResize(String id) {
        this.id = id;
    }

    /** The config spelling. */
    public String id() {
        return id;
    }

    /** Resizes an interleaved RGB byte image; the same array when the size does not change. */
    public byte[] resize(byte[] rgb, int width, int height, int outWidth, int outHeight) {
        return switch (this) {
            case BILINEAR -> Resampler.resizeRgb(rgb, width, height, outWidth, outHeight, Convention.HALF_PIXEL);
            case BICUBIC -> Resampler.resizeRgbBicubic(rgb, width, height, outWidth, outHeight);
            case PIL_BILINEAR -> Resampler.resizeRgbPilBilinear(rgb, width, height, outWidth, outHeight);
        };
    }
}
