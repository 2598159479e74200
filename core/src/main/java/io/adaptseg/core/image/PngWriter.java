package io.adaptseg.core.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Encodes non-interlaced PNGs (8-bit grey, 16-bit grey, 8-bit RGB) straight to a stream: rows are
 * filtered, fed to a fast {@link Deflater} and written as IDAT chunks of at most 64 KiB.
 *
 * <p>Speed over size: deflate level 1 and one filter per image kind. Label maps are mostly long
 * runs, which filter Sub turns into zeros and level 1 stores as long matches; photographs gain more
 * from Up. Measured with {@code adaptseg bench png} (README).
 */
final class PngWriter implements AutoCloseable {
    static final int FILTER_NONE = 0;
    static final int FILTER_SUB = 1;
    static final int FILTER_UP = 2;

    private static final int CHUNK = 1 << 16;

    private final OutputStream out;
    private final Deflater deflater;
    private final byte[] chunk = new byte[CHUNK + 12];
    private final CRC32 crc = new CRC32();
    private final int filter;
    private final int bpp;
    private byte[] raw;
    private byte[] previous;
    private byte[] filtered;
    /** Compressed bytes waiting in {@link #chunk} for the next IDAT. */
    private int pending;

    /** Writes the signature and IHDR; rows follow through {@link #writeRow()}. */
    PngWriter(OutputStream out, int width, int height, int bitDepth, int colorType, int filter, int level)
            throws IOException {
        this.out = out;
        this.filter = filter;
        this.deflater = new Deflater(level);
        PngHeader header = new PngHeader(width, height, bitDepth, colorType, false);
        this.bpp = Math.max(1, header.channels() * bitDepth / 8);
        int rowBytes = (int) header.rowBytes();
        this.raw = new byte[rowBytes];
        this.previous = new byte[rowBytes];
        this.filtered = new byte[rowBytes + 1];
        out.write(PngReader.SIGNATURE);
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, width);
        putInt(ihdr, 4, height);
        ihdr[8] = (byte) bitDepth;
        ihdr[9] = (byte) colorType;
        writeChunk("IHDR", ihdr, 13);
    }

    /** The buffer the caller fills with the next row's raw pixel bytes before {@link #writeRow()}. */
    byte[] rowBuffer() {
        return raw;
    }

    /** Filters and compresses the row in {@link #rowBuffer()}. */
    void writeRow() throws IOException {
        byte[] cur = raw;
        byte[] f = filtered;
        int n = cur.length;
        f[0] = (byte) filter;
        switch (filter) {
            case FILTER_SUB -> {
                System.arraycopy(cur, 0, f, 1, Math.min(bpp, n));
                for (int i = bpp; i < n; i++) {
                    f[i + 1] = (byte) (cur[i] - cur[i - bpp]);
                }
            }
            case FILTER_UP -> {
                for (int i = 0; i < n; i++) {
                    f[i + 1] = (byte) (cur[i] - previous[i]);
                }
            }
            default -> System.arraycopy(cur, 0, f, 1, n);
        }
        deflater.setInput(f, 0, n + 1);
        while (!deflater.needsInput()) {
            drain(Deflater.NO_FLUSH);
        }
        // The caller overwrites raw with the next row; keep this one for filter Up.
        raw = previous;
        previous = cur;
    }

    /** Ends the zlib stream and writes the last IDAT and IEND. */
    void finish() throws IOException {
        deflater.finish();
        while (!deflater.finished()) {
            drain(Deflater.NO_FLUSH);
        }
        flushChunk();
        writeChunk("IEND", new byte[0], 0);
    }

    private void drain(int flush) throws IOException {
        int got = deflater.deflate(chunk, 8 + pending, CHUNK - pending, flush);
        pending += got;
        if (pending == CHUNK) {
            flushChunk();
        }
    }

    private void flushChunk() throws IOException {
        if (pending == 0) {
            return;
        }
        putInt(chunk, 0, pending);
        chunk[4] = 'I';
        chunk[5] = 'D';
        chunk[6] = 'A';
        chunk[7] = 'T';
        crc.reset();
        crc.update(chunk, 4, 4 + pending);
        putInt(chunk, 8 + pending, (int) crc.getValue());
        out.write(chunk, 0, 12 + pending);
        pending = 0;
    }

    private void writeChunk(String type, byte[] body, int len) throws IOException {
        byte[] head = new byte[8];
        putInt(head, 0, len);
        System.arraycopy(type.getBytes(StandardCharsets.US_ASCII), 0, head, 4, 4);
        crc.reset();
        crc.update(head, 4, 4);
        crc.update(body, 0, len);
        byte[] tail = new byte[4];
        putInt(tail, 0, (int) crc.getValue());
        out.write(head);
        out.write(body, 0, len);
        out.write(tail);
    }

    private static void putInt(byte[] b, int pos, int v) {
        b[pos] = (byte) (v >>> 24);
        b[pos + 1] = (byte) (v >>> 16);
        b[pos + 2] = (byte) (v >>> 8);
        b[pos + 3] = (byte) v;
    }

    @Override
    public void close() {
        deflater.end();
    }
}
