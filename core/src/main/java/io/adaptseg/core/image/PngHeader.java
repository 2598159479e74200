package io.adaptseg.core.image;

import io.adaptseg.core.AdaptsegException;
import java.nio.file.Path;

/**
 * The IHDR facts of a PNG file: size, bit depth, colour type and interlacing. {@link PngCodec#readHeader}
 * reads it without decoding the pixels (33 bytes of the file): lets a long run check every input
 * before doing any work.
 *
 * @param width pixels per row
 * @param height rows
 * @param bitDepth bits per sample (1, 2, 4, 8 or 16)
 * @param colorType 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA
 * @param interlaced whether the file is Adam7-interlaced
 */
public record PngHeader(int width, int height, int bitDepth, int colorType, boolean interlaced) {
    /** Colour type 0: one grey sample per pixel. */
    public static final int GREY = 0;
    /** Colour type 2: red, green, blue. */
    public static final int RGB = 2;
    /** Colour type 3: one palette index per pixel. */
    public static final int PALETTE = 3;
    /** Colour type 4: grey and alpha. */
    public static final int GREY_ALPHA = 4;
    /** Colour type 6: red, green, blue, alpha. */
    public static final int RGBA = 6;

    /** Reads the header of {@code file}; the message names the file when it is missing or not a PNG. */
    public static PngHeader read(Path file) throws AdaptsegException {
        return PngCodec.readHeader(file);
    }

    /** Samples per pixel of this colour type. */
    public int channels() {
        return switch (colorType) {
            case GREY, PALETTE -> 1;
            case GREY_ALPHA -> 2;
            case RGB -> 3;
            case RGBA -> 4;
            default -> throw new IllegalStateException("colour type " + colorType);
        };
    }

    /** Bytes of one filtered scanline without its filter byte (bit depths below 8 are packed). */
    public long rowBytes() {
        return ((long) width * channels() * bitDepth + 7) / 8;
    }

    /** Whether the bit depth is allowed for the colour type by the PNG specification. */
    public boolean isValidCombination() {
        return switch (colorType) {
            case GREY -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8 || bitDepth == 16;
            case PALETTE -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8;
            case RGB, GREY_ALPHA, RGBA -> bitDepth == 8 || bitDepth == 16;
            default -> false;
        };
    }

    /** Whether the project's own decoder handles this file; the rest goes through ImageIO. */
    boolean isFastPath() {
        return !interlaced && (bitDepth == 8 || bitDepth == 16);
    }

    /** "WxH", as messages print sizes. */
    public String sizeString() {
        return width + "x" + height;
    }

    /** For messages, e.g. "8-bit grey". */
    public String describe() {
        String type = switch (colorType) {
            case GREY -> "grey";
            case RGB -> "RGB";
            case PALETTE -> "palette";
            case GREY_ALPHA -> "grey+alpha";
            case RGBA -> "RGBA";
            default -> "colour type " + colorType;
        };
        return bitDepth + "-bit " + type + (interlaced ? " interlaced" : "");
    }
}
