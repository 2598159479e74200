package io.adaptseg.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.AdaptsegException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JPEG and the other ImageIO formats decode to the same pixels as ImageIO, within the pixel budget. */
class ImageFilesTest {
    @TempDir
    Path dir;

    private static BufferedImage picture(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Random random = new Random(3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // distinct red, green and blue so that a swapped channel order shows
                image.setRGB(x, y, (x * 4 & 255) << 16 | (y * 8 & 255) << 8 | (random.nextInt(40) + 100));
            }
        }
        return image;
    }

    /** The pixels as 8-bit RGB, what {@link ImageFiles#readRgb} must give. */
    private static byte[] rgbOf(BufferedImage image) {
        byte[] out = new byte[image.getWidth() * image.getHeight() * 3];
        for (int y = 0, o = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++, o += 3) {
                int p = image.getRGB(x, y);
                out[o] = (byte) (p >> 16);
                out[o + 1] = (byte) (p >> 8);
                out[o + 2] = (byte) p;
            }
        }
        return out;
    }

    @Test
    void jpegAndBmpDecodeToImageIosPixelsInRgbOrder() throws Exception {
        BufferedImage picture = picture(40, 24);
        Path jpg = dir.resolve("a.jpg");
        assertTrue(ImageIO.write(picture, "jpeg", jpg.toFile()));
        RgbImage fromJpeg = ImageFiles.readRgb(jpg, PixelBudget.configured());
        assertEquals("40x24", fromJpeg.sizeString());
        assertArrayEquals(rgbOf(ImageIO.read(jpg.toFile())), fromJpeg.rgb());
        // lossy, but close to what was written: the channels are not swapped
        byte[] expected = rgbOf(picture);
        double error = 0;
        for (int i = 0; i < expected.length; i++) {
            error += Math.abs((expected[i] & 255) - (fromJpeg.rgb()[i] & 255));
        }
        assertTrue(error / expected.length < 12, "mean absolute error " + error / expected.length);

        Path bmp = dir.resolve("b.bmp");
        assertTrue(ImageIO.write(picture, "bmp", bmp.toFile()));
        assertArrayEquals(expected, ImageFiles.readRgb(bmp, PixelBudget.configured()).rgb());
    }

    @Test
    void theFormatComesFromTheBytesNotTheName() throws Exception {
        RgbImage image = new RgbImage(5, 3, new byte[45]);
        Arrays.fill(image.rgb(), (byte) 77);
        Path misnamed = dir.resolve("really-a-png.jpg");
        PngCodec.writeRgb(misnamed, image);
        assertArrayEquals(image.rgb(), ImageFiles.readRgb(misnamed, PixelBudget.configured()).rgb());
    }

    @Test
    void aJpegHeaderOverTheBudgetIsRefusedBeforeDecoding() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(picture(16, 16), "jpeg", out);
        byte[] jpeg = out.toByteArray();
        // the SOF0 marker (FF C0) holds length (2), precision (1), height (2), width (2)
        int sof = -1;
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 255) == 0xFF && (jpeg[i + 1] & 255) == 0xC0) {
                sof = i;
                break;
            }
        }
        assertTrue(sof > 0, "no SOF0 marker");
        jpeg[sof + 5] = (byte) 0xEA;
        jpeg[sof + 6] = (byte) 0x60; // 60000
        jpeg[sof + 7] = (byte) 0xEA;
        jpeg[sof + 8] = (byte) 0x60;
        Path bomb = dir.resolve("bomb.jpg");
        Files.write(bomb, jpeg);
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> ImageFiles.readRgb(bomb, new PixelBudget(8192L * 8192)));
        assertEquals(bomb + ": image too large: the JPEG header says 60000x60000 (3600000000 pixels), over the budget of"
                + " 67108864 pixels (--max-pixels, -Dadaptseg.max-pixels)", e.getMessage());
        Path small = dir.resolve("small.jpg");
        ImageIO.write(picture(16, 16), "jpeg", small.toFile());
        AdaptsegException tight = assertThrows(AdaptsegException.class, () -> ImageFiles.readRgb(small, new PixelBudget(255)));
        assertTrue(tight.getMessage().contains("16x16 (256 pixels), over the budget of 255"), tight.getMessage());
    }

    @Test
    void unreadableFilesAreNamed() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.jpg"), "not an image at all");
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> ImageFiles.readRgb(text, PixelBudget.configured()));
        assertTrue(e.getMessage().startsWith(text + ": not an image format this program reads (known: ["), e.getMessage());
        Path missing = dir.resolve("gone.jpg");
        assertEquals(missing + ": file not found",
                assertThrows(AdaptsegException.class, () -> ImageFiles.readRgb(missing, PixelBudget.configured())).getMessage());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(picture(32, 32), "jpeg", out);
        Path cut = dir.resolve("cut.jpg");
        Files.write(cut, Arrays.copyOf(out.toByteArray(), 200));
        AdaptsegException truncated = assertThrows(AdaptsegException.class, () -> ImageFiles.readRgb(cut, PixelBudget.configured()));
        assertTrue(truncated.getMessage().startsWith(cut + ": "), truncated.getMessage());
    }

    @Test
    void extensionsCoverPngJpegAndTheImageIoFormats() {
        assertTrue(ImageFiles.extensions().containsAll(java.util.Set.of("png", "jpg", "jpeg", "bmp", "gif")), ImageFiles.extensions().toString());
        assertTrue(ImageFiles.hasImageExtension("X_leftImg8bit.JPG"));
        assertFalse(ImageFiles.hasImageExtension("predict-run.json"));
        assertFalse(ImageFiles.hasImageExtension("png"));
    }
}
