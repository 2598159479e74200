package io.adaptseg.core.image;

import io.adaptseg.core.AdaptsegException;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Parses the chunks of one PNG held in memory (signature, CRCs, IHDR, PLTE, IDAT, IEND) and
 * inflates and unfilters its scanlines one at a time. Handles non-interlaced files of bit depth 8
 * and 16; {@link PngCodec} sends the rest to ImageIO. Every error names the source.
 */
final class PngReader {
    static final byte[] SIGNATURE = {(byte) 137, 80, 78, 71, 13, 10, 26, 10};

    /**
     * Deflate cannot expand data by more than about 1032:1 (258-byte matches coded in 2 bits each);
     * a file whose image data is smaller than its stated size allows is truncated or forged, and is
     * refused before a pixel buffer is allocated for it.
     */
    static final int MAX_INFLATE_RATIO = 1040;

    private final String source;
    private final byte[] data;
    private final PixelBudget budget;
    private PngHeader header;
    private byte[] palette = new byte[0];
    private int[] idatOffsets = new int[8];
    private int[] idatLengths = new int[8];
    private int idatCount;

    private PngReader(String source, byte[] data, PixelBudget budget) {
        this.source = source;
        this.data = data;
        this.budget = budget;
    }

    /**
     * Parses and checks every chunk; pixels are decoded later, row by row. The header is checked
     * against {@code budget} as soon as it is read.
     */
    static PngReader parse(byte[] data, String source, PixelBudget budget) throws AdaptsegException {
        PngReader reader = new PngReader(source, data, budget);
        reader.parseChunks();
        return reader;
    }

    /** Reads the header from the first 33 bytes of a file (signature + IHDR chunk). */
    static PngHeader parseHeader(byte[] start, int length, String source) throws AdaptsegException {
        checkSignature(start, length, source);
        if (length < 33) {
            throw new AdaptsegException(source + ": truncated PNG: the file ends after " + length
                    + " bytes, before the end of the IHDR chunk");
        }
        if (!"IHDR".equals(chunkType(start, 12))) {
            throw new AdaptsegException(source + ": corrupt PNG: the first chunk is '" + chunkType(start, 12)
                    + "', expected IHDR");
        }
        return readIhdr(start, 16, readInt(start, 8), source);
    }

    PngHeader header() {
        return header;
    }

    /** The palette as RGB triples (empty when the file has none). */
    byte[] palette() {
        return palette;
    }

    private static void checkSignature(byte[] bytes, int length, String source) throws AdaptsegException {
        if (length == 0) {
            throw new AdaptsegException(source + ": not a PNG file (the file is empty)");
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (i >= length) {
                throw new AdaptsegException(source + ": not a PNG file (only " + length + " bytes, no complete PNG signature)");
            }
            if (bytes[i] != SIGNATURE[i]) {
                throw new AdaptsegException(source + ": not a PNG file (no PNG signature)");
            }
        }
    }

    private void parseChunks() throws AdaptsegException {
        checkSignature(data, data.length, source);
        CRC32 crc = new CRC32();
        int pos = SIGNATURE.length;
        boolean ended = false;
        while (!ended) {
            if (pos + 8 > data.length) {
                throw new AdaptsegException(source + ": truncated PNG: the file ends at byte " + data.length
                        + (header == null ? " before the IHDR chunk" : " before the IEND chunk"));
            }
            long length = readInt(data, pos) & 0xFFFFFFFFL;
            String type = chunkType(data, pos + 4);
            if (length > Integer.MAX_VALUE || pos + 12 + length > data.length) {
                throw new AdaptsegException(source + ": truncated PNG: chunk " + type + " at byte " + pos
                        + " declares " + length + " bytes of data, but the file ends at byte " + data.length);
            }
            int len = (int) length;
            crc.reset();
            crc.update(data, pos + 4, 4 + len);
            int stored = readInt(data, pos + 8 + len);
            if ((int) crc.getValue() != stored) {
                throw new AdaptsegException(source + ": corrupt PNG: CRC mismatch in chunk " + type + " at byte " + pos);
            }
            int body = pos + 8;
            if (header == null && !type.equals("IHDR")) {
                throw new AdaptsegException(source + ": corrupt PNG: the first chunk is '" + type + "', expected IHDR");
            }
            switch (type) {
                case "IHDR" -> {
                    header = readIhdr(data, body, len, source);
                    budget.check(header, source);
                }
                case "PLTE" -> readPalette(body, len);
                case "IDAT" -> addIdat(body, len);
                case "IEND" -> ended = true;
                default -> {
                    // Ancillary chunks (lower-case first letter) carry nothing the pixels need.
                    if ((data[pos + 4] & 0x20) == 0) {
                        throw new AdaptsegException(source + ": unsupported PNG: unknown critical chunk '" + type + "'");
                    }
                }
            }
            pos += 12 + len;
        }
        if (idatCount == 0) {
            throw new AdaptsegException(source + ": corrupt PNG: no image data (IDAT chunk)");
        }
        if (header.colorType() == PngHeader.PALETTE && palette.length == 0) {
            throw new AdaptsegException(source + ": corrupt PNG: palette image without a PLTE chunk");
        }
        long compressed = 0;
        for (int i = 0; i < idatCount; i++) {
            compressed += idatLengths[i];
        }
        long raw = (long) header.height() * (header.rowBytes() + 1);
        if (compressed * MAX_INFLATE_RATIO + 1024 < raw) {
            throw new AdaptsegException(source + ": truncated PNG: " + compressed + " bytes of image data cannot hold the "
                    + header.sizeString() + " pixels the header states (" + raw + " bytes uncompressed)");
        }
    }

    private static PngHeader readIhdr(byte[] bytes, int body, int len, String source) throws AdaptsegException {
        if (len != 13) {
            throw new AdaptsegException(source + ": corrupt PNG: IHDR has " + len + " bytes, expected 13");
        }
        int width = readInt(bytes, body);
        int height = readInt(bytes, body + 4);
        int depth = bytes[body + 8] & 255;
        int colorType = bytes[body + 9] & 255;
        int interlace = bytes[body + 12] & 255;
        if (width <= 0 || height <= 0) {
            throw new AdaptsegException(source + ": corrupt PNG: image size " + Integer.toUnsignedString(width)
                    + "x" + Integer.toUnsignedString(height) + " is not positive");
        }
        PngHeader header = new PngHeader(width, height, depth, colorType, interlace == 1);
        if (!header.isValidCombination() || interlace > 1 || bytes[body + 10] != 0 || bytes[body + 11] != 0) {
            throw new AdaptsegException(source + ": corrupt PNG: invalid IHDR (bit depth " + depth + ", colour type "
                    + colorType + ", compression " + bytes[body + 10] + ", filter " + bytes[body + 11]
                    + ", interlace " + interlace + ")");
        }
        if ((long) width * height * 3 > Integer.MAX_VALUE - 16 || header.rowBytes() + 1 > Integer.MAX_VALUE - 16) {
            throw new AdaptsegException(source + ": image too large for flat arrays (" + header.sizeString() + ")");
        }
        return header;
    }

    private void readPalette(int body, int len) throws AdaptsegException {
        if (len % 3 != 0 || len == 0 || len > 256 * 3) {
            throw new AdaptsegException(source + ": corrupt PNG: PLTE has " + len + " bytes (must be 3 to 768, a multiple of 3)");
        }
        palette = new byte[len];
        System.arraycopy(data, body, palette, 0, len);
    }

    private void addIdat(int body, int len) {
        if (idatCount == idatOffsets.length) {
            idatOffsets = java.util.Arrays.copyOf(idatOffsets, idatCount * 2);
            idatLengths = java.util.Arrays.copyOf(idatLengths, idatCount * 2);
        }
        idatOffsets[idatCount] = body;
        idatLengths[idatCount] = len;
        idatCount++;
    }

    private static int readInt(byte[] b, int pos) {
        return ((b[pos] & 255) << 24) | ((b[pos + 1] & 255) << 16) | ((b[pos + 2] & 255) << 8) | (b[pos + 3] & 255);
    }

    private static String chunkType(byte[] b, int pos) {
        StringBuilder type = new StringBuilder(4);
        for (int i = 0; i < 4; i++) {
            int c = b[pos + i] & 255;
            type.append(c >= 32 && c < 127 ? (char) c : '?');
        }
        return type.toString();
    }

    /** Opens the scanline stream; the caller owns it and closes it (it holds a native zlib stream). */
    Scanlines scanlines() {
        return new Scanlines();
    }

    /**
     * The unfiltered scanlines in order. {@link #next()} returns a row buffer whose pixel bytes start
     * at index 1 (index 0 held the filter type); the buffer is reused for the row after next.
     */
    final class Scanlines implements AutoCloseable {
        private final Inflater inflater = new Inflater();
        private final int bpp;
        private final int rowLength;
        private byte[] current;
        private byte[] previous;
        private int nextIdat;
        private int row;

        private Scanlines() {
            bpp = Math.max(1, header.channels() * header.bitDepth() / 8);
            rowLength = (int) header.rowBytes() + 1;
            current = new byte[rowLength];
            previous = new byte[rowLength];
        }

        byte[] next() throws AdaptsegException {
            byte[] swap = previous;
            previous = current;
            current = swap;
            inflateFully(current);
            unfilter(current, previous);
            row++;
            return current;
        }

        private void inflateFully(byte[] buffer) throws AdaptsegException {
            int n = 0;
            try {
                while (n < buffer.length) {
                    int got = inflater.inflate(buffer, n, buffer.length - n);
                    n += got;
                    if (got == 0 && n < buffer.length) {
                        if (inflater.needsInput() && nextIdat < idatCount) {
                            inflater.setInput(data, idatOffsets[nextIdat], idatLengths[nextIdat]);
                            nextIdat++;
                        } else if (inflater.needsDictionary()) {
                            throw new AdaptsegException(source + ": corrupt PNG: the zlib stream asks for a preset dictionary");
                        } else {
                            throw new AdaptsegException(source + ": corrupt PNG: the image data ends in row " + row
                                    + " of " + header.height() + " (truncated or damaged zlib stream)");
                        }
                    }
                }
            } catch (DataFormatException e) {
                throw new AdaptsegException(source + ": corrupt PNG: bad zlib data in row " + row + " ("
                        + e.getMessage() + ")", e);
            }
        }

        /**
         * Reverses the row's filter in place. The left neighbour of each byte is carried in a local per
         * channel instead of being read back from the row: reading {@code cur[i - bpp]} right after
         * storing it makes every byte wait for a store-to-load round trip, and that made Sub (the filter
         * of every label map adaptseg writes) most of the decoding time of a 2048×1024 label PNG.
         */
        private void unfilter(byte[] cur, byte[] prev) throws AdaptsegException {
            int n = rowLength;
            switch (cur[0]) {
                case 0 -> {
                }
                case 1 -> {
                    for (int c = 1; c <= bpp; c++) {
                        int left = 0;
                        for (int i = c; i < n; i += bpp) {
                            left = (left + cur[i]) & 255;
                            cur[i] = (byte) left;
                        }
                    }
                }
                case 2 -> {
                    for (int i = 1; i < n; i++) {
                        cur[i] += prev[i];
                    }
                }
                case 3 -> {
                    for (int c = 1; c <= bpp; c++) {
                        int left = 0;
                        for (int i = c; i < n; i += bpp) {
                            left = (cur[i] + ((left + (prev[i] & 255)) >>> 1)) & 255;
                            cur[i] = (byte) left;
                        }
                    }
                }
                case 4 -> {
                    for (int c = 1; c <= bpp; c++) {
                        int a = 0; // left
                        int upLeft = 0;
                        for (int i = c; i < n; i += bpp) {
                            int b = prev[i] & 255;
                            int p = a + b - upLeft;
                            int pa = Math.abs(p - a);
                            int pb = Math.abs(p - b);
                            int pc = Math.abs(p - upLeft);
                            int pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : upLeft;
                            a = (cur[i] + pred) & 255;
                            cur[i] = (byte) a;
                            upLeft = b;
                        }
                    }
                }
                default -> throw new AdaptsegException(source + ": corrupt PNG: invalid filter type "
                        + (cur[0] & 255) + " in row " + row);
            }
        }

        @Override
        public void close() {
            inflater.end();
        }
    }
}
