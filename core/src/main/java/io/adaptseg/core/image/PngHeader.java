package io.adaptseg.core.image;

import io.adaptseg.core.AdaptsegException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The size and pixel format of a PNG file, read from its signature and IHDR chunk (the first 33
 * bytes) without decoding: lets a long run check every input before doing any work.
 *
 * @param width pixels per row
 * @param height rows
 * @param bitDepth bits per sample (1, 2, 4, 8 or 16)
 * @param colorType 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA
 */
public record PngHeader(int width, int height, int bitDepth, int colorType) {
    private static final byte[] SIGNATURE = {(byte) 137, 80, 78, 71, 13, 10, 26, 10};

    /** Reads the header of {@code file}; the message names the file when it is missing or not a PNG. */
    public static PngHeader read(Path file) throws AdaptsegException {
        byte[] head = new byte[33];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (NoSuchFileException e) {
            throw new AdaptsegException(file + ": file not found");
        } catch (IOException e) {
            throw new AdaptsegException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (i >= n || head[i] != SIGNATURE[i]) {
                throw new AdaptsegException(file + ": not a PNG file (no PNG signature)");
            }
        }
        ByteBuffer b = ByteBuffer.wrap(head);
        if (n < head.length || b.getInt(8) != 13 || b.getInt(12) != 0x49484452) {
            throw new AdaptsegException(file + ": corrupt PNG (no IHDR chunk at the start)");
        }
        int width = b.getInt(16);
        int height = b.getInt(20);
        if (width <= 0 || height <= 0) {
            throw new AdaptsegException(file + ": corrupt PNG (size " + width + "x" + height + ")");
        }
        return new PngHeader(width, height, head[24] & 0xff, head[25] & 0xff);
    }

    /** "WxH", as messages print sizes. */
    public String sizeString() {
        return width + "x" + height;
    }
}
