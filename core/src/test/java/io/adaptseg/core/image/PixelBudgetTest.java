package io.adaptseg.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.AdaptsegException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decoder refuses a header it cannot afford, before allocating anything for the pixels. */
class PixelBudgetTest {
    @TempDir
    Path dir;

    /** A PNG whose IHDR states {@code w}×{@code h} RGB but whose IDAT holds {@code rows} zero rows only. */
    static byte[] lyingPng(int w, int h, int rows) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PngReader.SIGNATURE);
        byte[] ihdr = new byte[13];
        HandMadePng.putInt(ihdr, 0, w);
        HandMadePng.putInt(ihdr, 4, h);
        ihdr[8] = 8;
        ihdr[9] = 2;
        HandMadePng.chunk(out, "IHDR", ihdr);
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(z, new Deflater(9))) {
            d.write(new byte[rows * (w * 3 + 1)]);
        }
        HandMadePng.chunk(out, "IDAT", z.toByteArray());
        HandMadePng.chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    @Test
    void aTinyFileClaimingAHugeImageIsRefusedFromItsHeader() throws Exception {
        byte[] png = lyingPng(20000, 20000, 0);
        assertTrue(png.length < 80, "the file is " + png.length + " bytes");
        Path file = dir.resolve("bomb.png");
        Files.write(file, png);
        long before = usedHeap();
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> PngCodec.readRgb(file));
        // 20000 x 20000 x 3 bytes would be 1.2 GB; nothing of that size was allocated
        assertTrue(usedHeap() - before < 100_000_000L, "heap grew by " + (usedHeap() - before));
        assertTrue(e.getMessage().startsWith(file + ": image too large"), e.getMessage());
        assertTrue(e.getMessage().contains("20000x20000 (400000000 pixels), over the budget of 67108864"), e.getMessage());
        // label decoding goes through the same check
        assertThrows(AdaptsegException.class, () -> PngCodec.readLabels(file));
    }

    @Test
    void withinTheBudgetATruncatedStreamIsRefusedBeforeAllocation() throws Exception {
        Path file = dir.resolve("short.png");
        Files.write(file, lyingPng(8000, 8000, 0));
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> PngCodec.readRgb(file));
        assertTrue(e.getMessage().contains("truncated PNG") && e.getMessage().contains("cannot hold the 8000x8000 pixels"),
                e.getMessage());
    }

    @Test
    void anExplicitBudgetDecidesAndReadsWhatFits() throws Exception {
        Path file = dir.resolve("ok.png");
        Files.write(file, lyingPng(64, 32, 32));
        RgbImage image = PngCodec.readRgb(file, new PixelBudget(64 * 32));
        assertEquals(64, image.width());
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> PngCodec.readRgb(file, new PixelBudget(64 * 32 - 1)));
        assertTrue(e.getMessage().contains("over the budget of 2047 pixels"), e.getMessage());
    }

    @Test
    void parsesCountsAndSizesAndNamesTheOptionOtherwise() {
        assertEquals(67108864L, PixelBudget.parse("8192x8192", "--max-pixels").maxPixels());
        assertEquals(40000000L, PixelBudget.parse(" 40000000 ", "--max-pixels").maxPixels());
        assertEquals(PixelBudget.DEFAULT_MAX_PIXELS, PixelBudget.configured().maxPixels());
        for (String bad : new String[] {"0", "-5", "big", "10x", "99999999999x99999999999"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PixelBudget.parse(bad, "--max-pixels"));
            assertTrue(e.getMessage().startsWith("--max-pixels must be a positive pixel count") && e.getMessage().contains(bad),
                    e.getMessage());
        }
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
