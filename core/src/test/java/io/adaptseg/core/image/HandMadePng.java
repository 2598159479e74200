package io.adaptseg.core.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/**
 * A deliberately plain PNG writer for tests, independent of the codec under test: it filters row
 * {@code y} with filter type {@code y % 5}, so every decoder path (None, Sub, Up, Average, Paeth)
 * is exercised, and it can write any colour type and bit depth of 8 or 16.
 */
final class HandMadePng {
    private HandMadePng() {
    }

    /** {@code raw} holds the unfiltered scanlines back to back, without filter bytes. */
    static byte[] png(int w, int h, int depth, int colorType, byte[] raw, byte[] palette) throws Exception {
        int channels = switch (colorType) {
            case 0, 3 -> 1;
            case 4 -> 2;
            case 2 -> 3;
            default -> 4;
        };
        int bpp = channels * depth / 8;
        int rowBytes = w * bpp;
        ByteArrayOutputStream filtered = new ByteArrayOutputStream();
        byte[] zero = new byte[rowBytes];
        for (int y = 0; y < h; y++) {
            int type = y % 5;
            filtered.write(type);
            for (int i = 0; i < rowBytes; i++) {
                int x = raw[y * rowBytes + i] & 255;
                int a = i >= bpp ? raw[y * rowBytes + i - bpp] & 255 : 0;
                int b = y > 0 ? raw[(y - 1) * rowBytes + i] & 255 : zero[i];
                int c = y > 0 && i >= bpp ? raw[(y - 1) * rowBytes + i - bpp] & 255 : 0;
                int predictor = switch (type) {
                    case 0 -> 0;
                    case 1 -> a;
                    case 2 -> b;
                    case 3 -> (a + b) / 2;
                    default -> paeth(a, b, c);
                };
                filtered.write((x - predictor) & 255);
            }
        }
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(z)) {
            d.write(filtered.toByteArray());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 137, 80, 78, 71, 13, 10, 26, 10});
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, w);
        putInt(ihdr, 4, h);
        ihdr[8] = (byte) depth;
        ihdr[9] = (byte) colorType;
        chunk(out, "IHDR", ihdr);
        if (palette != null) {
            chunk(out, "PLTE", palette);
        }
        chunk(out, "tEXt", "Comment\0made by hand".getBytes(StandardCharsets.ISO_8859_1));
        // Two IDAT chunks, to test that the decoder follows the stream across chunks.
        byte[] data = z.toByteArray();
        int half = data.length / 2;
        chunk(out, "IDAT", java.util.Arrays.copyOfRange(data, 0, half));
        chunk(out, "IDAT", java.util.Arrays.copyOfRange(data, half, data.length));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    static void chunk(ByteArrayOutputStream out, String type, byte[] body) {
        byte[] head = new byte[8];
        putInt(head, 0, body.length);
        System.arraycopy(type.getBytes(StandardCharsets.US_ASCII), 0, head, 4, 4);
        CRC32 crc = new CRC32();
        crc.update(head, 4, 4);
        crc.update(body);
        byte[] tail = new byte[4];
        putInt(tail, 0, (int) crc.getValue());
        out.writeBytes(head);
        out.writeBytes(body);
        out.writeBytes(tail);
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        if (pa <= pb && pa <= pc) {
            return a;
        }
        return pb <= pc ? b : c;
    }

    static void putInt(byte[] b, int pos, int v) {
        b[pos] = (byte) (v >>> 24);
        b[pos + 1] = (byte) (v >>> 16);
        b[pos + 2] = (byte) (v >>> 8);
        b[pos + 3] = (byte) v;
    }
}
