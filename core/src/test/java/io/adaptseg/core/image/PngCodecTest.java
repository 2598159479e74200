package io.adaptseg.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.AdaptsegException;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PngCodecTest {
    private static final int W = 37;
    private static final int H = 23;

    @TempDir
    Path dir;

    static Stream<Arguments> colourTypesAndDepths() {
        return Stream.of(Arguments.of(0, 8), Arguments.of(0, 16), Arguments.of(2, 8), Arguments.of(2, 16),
                Arguments.of(3, 8), Arguments.of(4, 8), Arguments.of(4, 16), Arguments.of(6, 8), Arguments.of(6, 16));
    }

    @ParameterizedTest(name = "colour type {0}, {1}-bit")
    @MethodSource("colourTypesAndDepths")
    void decodesEveryFilterColourTypeAndDepthAsImageIoDoes(int colorType, int depth) throws Exception {
        int channels = switch (colorType) {
            case 0, 3 -> 1;
            case 4 -> 2;
            case 2 -> 3;
            default -> 4;
        };
        int bytesPerSample = depth / 8;
        byte[] raw = new byte[W * H * channels * bytesPerSample];
        new Random(colorType * 100 + depth).nextBytes(raw);
        byte[] palette = null;
        if (colorType == 3) {
            palette = new byte[256 * 3];
            new Random(5).nextBytes(palette);
        }
        Path file = dir.resolve("hand.png");
        Files.write(file, HandMadePng.png(W, H, depth, colorType, raw, palette));

        int[] samples = new int[W * H * channels];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = depth == 8 ? raw[i] & 255
                    : ((raw[2 * i] & 255) << 8) | (raw[2 * i + 1] & 255);
        }
        Raster imageIo = ImageIO.read(file.toFile()).getRaster();
        assertArrayEquals(samples, imageIo.getPixels(0, 0, W, H, (int[]) null), "the hand-made file itself");

        LabelImage labels = PngCodec.readLabels(file);
        RgbImage rgb = PngCodec.readRgb(file);
        assertEquals(W, labels.width());
        assertEquals(H, labels.height());
        for (int p = 0; p < W * H; p++) {
            int first = samples[p * channels];
            assertEquals(first, labels.values()[p], "label at pixel " + p);
            for (int c = 0; c < 3; c++) {
                int expected;
                if (colorType == 3) {
                    expected = palette[first * 3 + c] & 255;
                } else {
                    int sample = channels >= 3 ? samples[p * channels + c] : first;
                    expected = depth == 16 ? sample >>> 8 : sample;
                }
                assertEquals(expected, rgb.rgb()[p * 3 + c] & 255, "rgb channel " + c + " at pixel " + p);
            }
        }
    }

    static Stream<Arguments> imageIoImages() {
        return Stream.of(Arguments.of("grey8", 1, 8, false), Arguments.of("grey16", 1, 16, false),
                Arguments.of("greyAlpha8", 2, 8, true), Arguments.of("greyAlpha16", 2, 16, true),
                Arguments.of("rgb8", 3, 8, false), Arguments.of("rgb16", 3, 16, false),
                Arguments.of("rgba8", 4, 8, true), Arguments.of("rgba16", 4, 16, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("imageIoImages")
    void decodesImageIoFilesIdentically(String name, int bands, int bits, boolean alpha) throws Exception {
        BufferedImage image = componentImage(bands, bits, alpha, 11);
        Path file = dir.resolve(name + ".png");
        assertTrue(ImageIO.write(image, "png", file.toFile()));
        assertMatchesRaster(file, image);
    }

    @Test
    void decodesImageIoPaletteFilesAsIndices() throws Exception {
        byte[] r = new byte[200];
        byte[] g = new byte[200];
        byte[] b = new byte[200];
        new Random(1).nextBytes(r);
        new Random(2).nextBytes(g);
        new Random(3).nextBytes(b);
        IndexColorModel model = new IndexColorModel(8, 200, r, g, b);
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_INDEXED, model);
        Random random = new Random(4);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                image.getRaster().setSample(x, y, 0, random.nextInt(200));
            }
        }
        Path file = dir.resolve("palette.png");
        assertTrue(ImageIO.write(image, "png", file.toFile()));
        assertEquals(PngHeader.PALETTE, PngCodec.readHeader(file).colorType());
        assertMatchesRaster(file, image);
    }

    @Test
    void fallsBackToImageIoForInterlacedAndOneBitFiles() throws Exception {
        BufferedImage rgb = componentImage(3, 8, false, 21);
        Path interlaced = dir.resolve("interlaced.png");
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } finally {
            writer.dispose();
        }
        Files.write(interlaced, bytes.toByteArray());
        assertTrue(PngCodec.readHeader(interlaced).interlaced());
        assertMatchesRaster(interlaced, rgb);

        BufferedImage binary = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                binary.getRaster().setSample(x, y, 0, (x * y) % 3 == 0 ? 1 : 0);
            }
        }
        Path oneBit = dir.resolve("one-bit.png");
        assertTrue(ImageIO.write(binary, "png", oneBit.toFile()));
        assertEquals(1, PngCodec.readHeader(oneBit).bitDepth());
        LabelImage labels = PngCodec.readLabels(oneBit);
        assertArrayEquals(binary.getRaster().getSamples(0, 0, W, H, 0, (int[]) null), labels.values());
        RgbImage white = PngCodec.readRgb(oneBit);
        assertEquals(binary.getRaster().getSample(0, 0, 0) == 1 ? (byte) 255 : 0, white.rgb()[0]);
    }

    @Test
    void imageIoReadsOurFilesToIdenticalPixels() throws Exception {
        Random random = new Random(9);
        int[] v8 = random.ints(W * H, 0, 256).toArray();
        int[] v16 = random.ints(W * H, 0, 65536).toArray();
        byte[] colour = new byte[W * H * 3];
        random.nextBytes(colour);
        Path f8 = dir.resolve("l8.png");
        Path f16 = dir.resolve("l16.png");
        Path frgb = dir.resolve("rgb.png");
        PngCodec.writeLabels8(f8, new LabelImage(W, H, v8));
        PngCodec.writeLabels16(f16, new LabelImage(W, H, v16));
        PngCodec.writeRgb(frgb, new RgbImage(W, H, colour));

        assertArrayEquals(v8, ImageIO.read(f8.toFile()).getRaster().getSamples(0, 0, W, H, 0, (int[]) null));
        assertArrayEquals(v16, ImageIO.read(f16.toFile()).getRaster().getSamples(0, 0, W, H, 0, (int[]) null));
        int[] rgbSamples = ImageIO.read(frgb.toFile()).getRaster().getPixels(0, 0, W, H, (int[]) null);
        for (int i = 0; i < colour.length; i++) {
            assertEquals(colour[i] & 255, rgbSamples[i], "sample " + i);
        }
        assertArrayEquals(v8, PngCodec.readLabels(f8).values());
        assertArrayEquals(v16, PngCodec.readLabels(f16).values());
        assertArrayEquals(colour, PngCodec.readRgb(frgb).rgb());
        assertEquals(new PngHeader(W, H, 16, PngHeader.GREY, false), PngCodec.readHeader(f16));
    }

    @Test
    void writesSynthiaStyleSixteenBitRgbThatImageIoReads() throws Exception {
        Random random = new Random(12);
        int[][] channels = new int[3][];
        for (int c = 0; c < 3; c++) {
            channels[c] = random.ints(W * H, 0, 65536).toArray();
        }
        Path file = dir.resolve("synthia.png");
        PngCodec.writeLabels16Rgb(file, new LabelImage(W, H, channels[0]), new LabelImage(W, H, channels[1]),
                new LabelImage(W, H, channels[2]));
        assertEquals(new PngHeader(W, H, 16, PngHeader.RGB, false), PngCodec.readHeader(file));
        Raster raster = ImageIO.read(file.toFile()).getRaster();
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(channels[c], raster.getSamples(0, 0, W, H, c, (int[]) null), "channel " + c);
        }
        assertArrayEquals(channels[0], PngCodec.readLabels(file).values());
    }

    @Test
    void largeLabelMapsRoundTripAcrossManyIdatChunks() throws Exception {
        int w = 640;
        int h = 480;
        int[] values = new int[w * h];
        Random random = new Random(3);
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(10) == 0 ? random.nextInt(256) : (i / w) / 20;
        }
        byte[] png = PngCodec.encodeLabels8(new LabelImage(w, h, values));
        assertArrayEquals(values, PngCodec.decodeLabels(png, "memory", null).values());
        assertArrayEquals(values, ImageIO.read(new ByteArrayInputStream(png)).getRaster()
                .getSamples(0, 0, w, h, 0, (int[]) null));
    }

    @Test
    void readsIntoTheCallersBufferWhenTheSizeFits() throws Exception {
        Path file = dir.resolve("l.png");
        PngCodec.writeLabels8(file, LabelImage.filled(W, H, 7));
        int[] buffer = new int[W * H];
        LabelImage read = PngCodec.readLabels(file, buffer);
        assertSame(buffer, read.values());
        assertEquals(7, buffer[W * H - 1]);
        int[] small = new int[3];
        LabelImage fresh = PngCodec.readLabels(file, small);
        assertEquals(W * H, fresh.values().length);
    }

    @Test
    void refusesValuesThatDoNotFitAndLeavesNoFile() {
        Path file = dir.resolve("bad.png");
        int[] values = new int[W * H];
        values[W + 2] = 256;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PngCodec.writeLabels8(file, new LabelImage(W, H, values)));
        assertTrue(e.getMessage().contains("(2, 1)"), e.getMessage());
        assertFalse(Files.exists(file));
        values[W + 2] = -1;
        assertThrows(IllegalArgumentException.class, () -> PngCodec.encodeLabels16(new LabelImage(W, H, values)));
    }

    @Test
    void namesTheFileAndTheProblemForBrokenFiles() throws Exception {
        Path good = dir.resolve("good.png");
        int[] values = new Random(2).ints(64 * 64, 0, 256).toArray();
        PngCodec.writeLabels8(good, new LabelImage(64, 64, values));
        byte[] png = Files.readAllBytes(good);

        assertError(dir.resolve("missing.png"), "file not found");
        assertError(write("empty.png", new byte[0]), "not a PNG file (the file is empty)");
        assertError(write("text.png", "hello, not an image".getBytes()), "not a PNG file");
        assertError(dir, "is a directory");
        assertError(write("truncated.png", java.util.Arrays.copyOf(png, png.length / 2)), "truncated PNG");
        assertError(write("no-iend.png", java.util.Arrays.copyOf(png, png.length - 12)), "before the IEND chunk");

        byte[] badCrc = png.clone();
        badCrc[60] ^= 0x55; // inside the IDAT data
        assertError(write("crc.png", badCrc), "CRC mismatch in chunk IDAT");

        // Damage the zlib stream but keep a valid CRC: the decoder must see the bad zlib data.
        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        bad.writeBytes(java.util.Arrays.copyOf(png, 33));
        byte[] garbage = new byte[200];
        new Random(1).nextBytes(garbage);
        garbage[0] = 0x78;
        garbage[1] = (byte) 0x9c;
        garbage[2] = (byte) 0xff; // reserved block type 3
        HandMadePng.chunk(bad, "IDAT", garbage);
        HandMadePng.chunk(bad, "IEND", new byte[0]);
        assertError(write("zlib.png", bad.toByteArray()), "bad zlib data");

        ByteArrayOutputStream short_ = new ByteArrayOutputStream();
        short_.writeBytes(java.util.Arrays.copyOf(png, 33));
        java.io.ByteArrayOutputStream z = new java.io.ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream d = new java.util.zip.DeflaterOutputStream(z)) {
            d.write(new byte[65 * 10]); // ten rows of 64 pixels, not 64 rows
        }
        HandMadePng.chunk(short_, "IDAT", z.toByteArray());
        HandMadePng.chunk(short_, "IEND", new byte[0]);
        assertError(write("short.png", short_.toByteArray()), "the image data ends in row 10 of 64");

        assertError(write("header.png", java.util.Arrays.copyOf(png, 20)), "truncated PNG");
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> PngCodec.readHeader(dir.resolve("header.png")));
        assertTrue(e.getMessage().contains("header.png"), e.getMessage());
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    private static void assertError(Path file, String expected) {
        AdaptsegException labels = assertThrows(AdaptsegException.class, () -> PngCodec.readLabels(file));
        assertTrue(labels.getMessage().startsWith(file.toString()), labels.getMessage());
        assertTrue(labels.getMessage().contains(expected), labels.getMessage());
        AdaptsegException rgb = assertThrows(AdaptsegException.class, () -> PngCodec.readRgb(file));
        assertEquals(labels.getMessage(), rgb.getMessage());
    }

    /** Our labels equal band 0 of ImageIO's raster; our RGB equals its samples scaled to 8 bits. */
    private static void assertMatchesRaster(Path file, BufferedImage original) throws Exception {
        Raster expected = ImageIO.read(file.toFile()).getRaster();
        assertArrayEquals(original.getRaster().getPixels(0, 0, W, H, (int[]) null),
                expected.getPixels(0, 0, W, H, (int[]) null), "ImageIO round trip");
        LabelImage labels = PngCodec.readLabels(file);
        assertArrayEquals(expected.getSamples(0, 0, W, H, 0, (int[]) null), labels.values());
        RgbImage rgb = PngCodec.readRgb(file);
        int bands = expected.getNumBands();
        int bits = expected.getSampleModel().getSampleSize(0);
        IndexColorModel palette = original.getColorModel() instanceof IndexColorModel m ? m : null;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                for (int c = 0; c < 3; c++) {
                    int value;
                    if (palette != null) {
                        value = (palette.getRGB(expected.getSample(x, y, 0)) >> (16 - 8 * c)) & 255;
                    } else {
                        value = expected.getSample(x, y, bands >= 3 ? c : 0) >>> (bits - 8);
                    }
                    assertEquals(value, rgb.rgb()[(y * W + x) * 3 + c] & 255, "(" + x + ", " + y + ") channel " + c);
                }
            }
        }
    }

    private static BufferedImage componentImage(int bands, int bits, boolean alpha, long seed) {
        ColorSpace space = ColorSpace.getInstance(bands <= 2 ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
        int type = bits == 8 ? DataBuffer.TYPE_BYTE : DataBuffer.TYPE_USHORT;
        ComponentColorModel model = new ComponentColorModel(space, alpha, false,
                alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, type);
        WritableRaster raster = model.createCompatibleWritableRaster(W, H);
        Random random = new Random(seed);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                for (int b = 0; b < bands; b++) {
                    raster.setSample(x, y, b, random.nextInt(1 << bits));
                }
            }
        }
        return new BufferedImage(model, raster, false, null);
    }
}
