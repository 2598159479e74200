package io.adaptseg.core.resample;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How an 8-bit RGB input image is resized to the network's input size. AdaptSegNet, CLAN and MaxSquare
 * use PIL bicubic, CAG PIL bilinear; plain bilinear (half-pixel, no antialiasing) is what adaptseg
 * always did (docs/fidelity.md says which is the default and why). A model carries the one it was
 * trained with ({@code adaptseg.input_resize}), so the edge runtime resizes as training did.
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

    /** The resize whose config spelling is {@code id} (case and surrounding blanks ignored). */
    public static Optional<ImageResize> byId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.id.equals(wanted)).findFirst();
    }

    /** Every config spelling, in declaration order (for messages). */
    public static String ids() {
        return Arrays.stream(values()).map(ImageResize::id).toList().toString();
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
