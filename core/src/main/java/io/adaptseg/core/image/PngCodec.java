package io.adaptseg.core.image;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.Deflater;

/**
 * The one PNG path of the project: label images (8- or 16-bit, channel 0 of multi-channel files,
 * palette indices of palette files) and RGB images to flat arrays and back. Every failure names the
 * file.
 *
 * <p>Non-interlaced files of bit depth 8 and 16 (all five colour types) are decoded by an own
 * decoder on {@link java.util.zip.Inflater}, several times faster than ImageIO, because scoring and
 * training are bound by label decoding; interlaced files and bit depths 1, 2 and 4 go through
 * ImageIO. The encoder writes non-interlaced files with deflate level 1.
 */
public final class PngCodec {
    /** Deflate level of the encoder: level 1 is several times faster than 6 on label maps. */
    static final int LEVEL = 1;
    static final int LABEL_FILTER = PngWriter.FILTER_SUB;
    static final int RGB_FILTER = PngWriter.FILTER_UP;

    private PngCodec() {
    }

    /** Reads the header (size, bit depth, colour type) from the first 33 bytes, without decoding. */
    public static PngHeader readHeader(Path file) throws AdaptsegException {
        byte[] start = new byte[33];
        int n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(start, 0, start.length);
        } catch (IOException e) {
            throw readFailure(file, e);
        }
        return PngReader.parseHeader(start, n, file.toString());
    }

    /** Reads a label image: grey 8/16-bit, palette (indices) or the first channel of RGB(A) or grey+alpha. */
    public static LabelImage readLabels(Path file) throws AdaptsegException {
        return readLabels(file, null);
    }

    /**
     * Reads a label image into {@code buffer} when it has exactly width × height entries (a loop over
     * same-size files then allocates no pixel arrays), otherwise into a new array.
     */
    public static LabelImage readLabels(Path file, int[] buffer) throws AdaptsegException {
        return decodeLabels(readBytes(file), file.toString(), buffer);
    }

    /**
     * Reads a label map for scoring: grey or palette only. An RGB(A) file is refused naming it, since
     * reading its first channel as labels would score a colour picture (a {@code _color.png}, a photo) as if
     * its red values were classes.
     */
    public static LabelImage readLabelMap(Path file, int[] buffer) throws AdaptsegException {
        byte[] png = readBytes(file);
        PngHeader h = PngReader.parseHeader(png, png.length, file.toString());
        if (h.colorType() == PngHeader.RGB || h.colorType() == PngHeader.RGBA) {
            throw new AdaptsegException(file + ": an RGB" + (h.colorType() == PngHeader.RGBA ? "A" : "")
                    + " image, not a label map (8- or 16-bit grey, or palette); colour pictures such as _color.png"
                    + " cannot be scored: give the trainIds or labelIds files");
        }
        return decodeLabels(png, file.toString(), buffer);
    }

    /**
     * Reads an image as 8-bit RGB (grey is replicated, palette looked up, alpha dropped, 16-bit keeps
     * the high byte), within the {@linkplain PixelBudget#configured() process pixel budget}.
     */
    public static RgbImage readRgb(Path file) throws AdaptsegException {
        return readRgb(file, PixelBudget.configured());
    }

    /** Reads an image as 8-bit RGB; a header over {@code budget} is refused before pixels are allocated. */
    public static RgbImage readRgb(Path file, PixelBudget budget) throws AdaptsegException {
        return decodeRgb(readBytes(file), file.toString(), budget);
    }

    /** Decodes a label image from PNG bytes; {@code source} names them in messages. */
    public static LabelImage decodeLabels(byte[] png, String source, int[] buffer) throws AdaptsegException {
        PngReader reader = PngReader.parse(png, source, PixelBudget.configured());
        PngHeader h = reader.header();
        if (!h.isFastPath()) {
            return ImageIoPng.readLabels(png, source, buffer);
        }
        int w = h.width();
        int[] values = buffer != null && buffer.length == w * h.height() ? buffer : new int[w * h.height()];
        int stride = h.channels() * h.bitDepth() / 8;
        try (PngReader.Scanlines rows = reader.scanlines()) {
            for (int y = 0, o = 0; y < h.height(); y++, o += w) {
                byte[] row = rows.next();
                if (h.bitDepth() == 16) {
                    for (int x = 0, i = 1; x < w; x++, i += stride) {
                        values[o + x] = ((row[i] & 255) << 8) | (row[i + 1] & 255);
                    }
                } else if (stride == 1) {
                    for (int x = 0; x < w; x++) {
                        values[o + x] = row[x + 1] & 255;
                    }
                } else {
                    for (int x = 0, i = 1; x < w; x++, i += stride) {
                        values[o + x] = row[i] & 255;
                    }
                }
            }
        }
        return new LabelImage(w, h.height(), values);
    }

    /** Decodes an RGB image from PNG bytes; {@code source} names them in messages. */
    public static RgbImage decodeRgb(byte[] png, String source) throws AdaptsegException {
        return decodeRgb(png, source, PixelBudget.configured());
    }

    /** Decodes an RGB image from PNG bytes within {@code budget}; {@code source} names them in messages. */
    public static RgbImage decodeRgb(byte[] png, String source, PixelBudget budget) throws AdaptsegException {
        PngReader reader = PngReader.parse(png, source, budget);
        PngHeader h = reader.header();
        if (!h.isFastPath()) {
            return ImageIoPng.readRgb(png, source);
        }
        int w = h.width();
        byte[] rgb = new byte[w * h.height() * 3];
        byte[] palette = paletteTable(reader.palette());
        int bytesPerSample = h.bitDepth() / 8;
        int stride = h.channels() * bytesPerSample;
        boolean colour = h.colorType() == PngHeader.RGB || h.colorType() == PngHeader.RGBA;
        try (PngReader.Scanlines rows = reader.scanlines()) {
            for (int y = 0; y < h.height(); y++) {
                byte[] row = rows.next();
                int o = y * w * 3;
                if (h.colorType() == PngHeader.PALETTE) {
                    for (int x = 0; x < w; x++, o += 3) {
                        int p = (row[x + 1] & 255) * 3;
                        rgb[o] = palette[p];
                        rgb[o + 1] = palette[p + 1];
                        rgb[o + 2] = palette[p + 2];
                    }
                } else if (colour && stride == 3) {
                    System.arraycopy(row, 1, rgb, o, w * 3);
                } else if (colour) {
                    // 16-bit samples keep their high byte; alpha is dropped.
                    for (int x = 0, i = 1; x < w; x++, i += stride, o += 3) {
                        rgb[o] = row[i];
                        rgb[o + 1] = row[i + bytesPerSample];
                        rgb[o + 2] = row[i + 2 * bytesPerSample];
                    }
                } else {
                    for (int x = 0, i = 1; x < w; x++, i += stride, o += 3) {
                        byte g = row[i];
                        rgb[o] = g;
                        rgb[o + 1] = g;
                        rgb[o + 2] = g;
                    }
                }
            }
        }
        return new RgbImage(w, h.height(), rgb);
    }

    /** The palette padded to 256 entries; indices past the file's palette read as black. */
    private static byte[] paletteTable(byte[] palette) {
        byte[] table = new byte[256 * 3];
        System.arraycopy(palette, 0, table, 0, palette.length);
        return table;
    }

    /** Writes an 8-bit grey PNG atomically; every value must be in 0..255. */
    public static void writeLabels8(Path file, LabelImage labels) throws IOException {
        AtomicFiles.write(file, out -> writeLabels(out, labels, 8, file.toString()));
    }

    /** Writes a 16-bit grey PNG atomically; every value must be in 0..65535. */
    public static void writeLabels16(Path file, LabelImage labels) throws IOException {
        AtomicFiles.write(file, out -> writeLabels(out, labels, 16, file.toString()));
    }

    /**
     * Writes a 16-bit RGB PNG atomically from three channels of equal size, each value in 0..65535.
     * SYNTHIA's ground truth has this layout (class id in channel 0, instance id in channel 1);
     * {@link #readLabels} reads channel 0 back.
     */
    public static void writeLabels16Rgb(Path file, LabelImage red, LabelImage green, LabelImage blue) throws IOException {
        int w = red.width();
        int h = red.height();
        for (LabelImage c : new LabelImage[] {green, blue}) {
            if (c.width() != w || c.height() != h) {
                throw new IllegalArgumentException("channels differ in size: " + red.sizeString() + " and " + c.sizeString() + " (" + file + ")");
            }
        }
        int[][] channels = {red.values(), green.values(), blue.values()};
        AtomicFiles.write(file, out -> {
            try (PngWriter writer = new PngWriter(out, w, h, 16, PngHeader.RGB, LABEL_FILTER, LEVEL)) {
                for (int y = 0; y < h; y++) {
                    byte[] row = writer.rowBuffer();
                    for (int x = 0; x < w; x++) {
                        for (int ch = 0; ch < 3; ch++) {
                            int v = channels[ch][y * w + x];
                            if (v < 0 || v > 65535) {
                                throw new IllegalArgumentException("value " + v + " at pixel (" + x + ", " + y
                                        + ") of channel " + ch + " does not fit 16 bits (" + file + ")");
                            }
                            row[6 * x + 2 * ch] = (byte) (v >>> 8);
                            row[6 * x + 2 * ch + 1] = (byte) v;
                        }
                    }
                    writer.writeRow();
                }
                writer.finish();
            }
        });
    }

    /** Writes an 8-bit RGB PNG atomically. */
    public static void writeRgb(Path file, RgbImage rgb) throws IOException {
        AtomicFiles.write(file, out -> writeRgb(out, rgb));
    }

    /** Encodes an 8-bit grey PNG in memory; every value must be in 0..255. */
    public static byte[] encodeLabels8(LabelImage labels) {
        return encode(out -> writeLabels(out, labels, 8, "8-bit label image"));
    }

    /** Encodes a 16-bit grey PNG in memory; every value must be in 0..65535. */
    public static byte[] encodeLabels16(LabelImage labels) {
        return encode(out -> writeLabels(out, labels, 16, "16-bit label image"));
    }

    /** Encodes an 8-bit RGB PNG in memory. */
    public static byte[] encodeRgb(RgbImage rgb) {
        return encode(out -> writeRgb(out, rgb));
    }

    private static byte[] encode(AtomicFiles.StreamWriter body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        try {
            body.writeTo(out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    private static void writeLabels(OutputStream out, LabelImage labels, int bits, String target) throws IOException {
        int w = labels.width();
        int max = (1 << bits) - 1;
        int[] values = labels.values();
        try (PngWriter writer = new PngWriter(out, w, labels.height(), bits, PngHeader.GREY, LABEL_FILTER, LEVEL)) {
            for (int y = 0, o = 0; y < labels.height(); y++, o += w) {
                byte[] row = writer.rowBuffer();
                for (int x = 0; x < w; x++) {
                    int v = values[o + x];
                    if (v < 0 || v > max) {
                        throw new IllegalArgumentException("value " + v + " at pixel (" + x + ", " + y + ") does not fit "
                                + bits + " bits (" + target + ")");
                    }
                    if (bits == 8) {
                        row[x] = (byte) v;
                    } else {
                        row[2 * x] = (byte) (v >>> 8);
                        row[2 * x + 1] = (byte) v;
                    }
                }
                writer.writeRow();
            }
            writer.finish();
        }
    }

    private static void writeRgb(OutputStream out, RgbImage rgb) throws IOException {
        int rowBytes = rgb.width() * 3;
        try (PngWriter writer = new PngWriter(out, rgb.width(), rgb.height(), 8, PngHeader.RGB, RGB_FILTER, LEVEL)) {
            for (int y = 0; y < rgb.height(); y++) {
                System.arraycopy(rgb.rgb(), y * rowBytes, writer.rowBuffer(), 0, rowBytes);
                writer.writeRow();
            }
            writer.finish();
        }
    }

    private static byte[] readBytes(Path file) throws AdaptsegException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException | OutOfMemoryError e) {
            throw readFailure(file, e);
        }
    }

    private static AdaptsegException readFailure(Path file, Throwable e) {
        if (e instanceof NoSuchFileException) {
            return new AdaptsegException(file + ": file not found");
        }
        if (e instanceof AccessDeniedException) {
            return new AdaptsegException(file + ": permission denied");
        }
        if (Files.isDirectory(file)) {
            return new AdaptsegException(file + ": is a directory, expected a PNG file");
        }
        return new AdaptsegException(file + ": cannot read (" + e.getMessage() + ")", e);
    }

    /** The encoder's deflate settings in words (benchmark tables name them). */
    public static String encoderSettings() {
        return "deflate level " + LEVEL + (LEVEL == Deflater.BEST_SPEED ? " (best speed)" : "");
    }
}
