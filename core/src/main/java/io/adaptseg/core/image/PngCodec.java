package io.adaptseg.core.image;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * The one PNG path of the project: label images (8- or 16-bit, channel 0 of multi-channel files)
 * and RGB images to flat arrays and back. Every failure names the file.
 */
public final class PngCodec {
    private PngCodec() {
    }

    /** Reads a label image: grey 8/16-bit, palette (indices) or the first channel of RGB(A). */
    public static LabelImage readLabels(Path file) throws AdaptsegException {
        BufferedImage image = decode(file);
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        int[] values = new int[w * h];
        raster.getSamples(0, 0, w, h, 0, values);
        return new LabelImage(w, h, values);
    }

    /** Reads an image as 8-bit RGB (grey is replicated, alpha dropped, 16-bit scaled down). */
    public static RgbImage readRgb(Path file) throws AdaptsegException {
        BufferedImage image = decode(file);
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] rgb = new byte[w * h * 3];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0, o = y * w * 3; x < w; x++, o += 3) {
                int p = row[x];
                rgb[o] = (byte) (p >> 16);
                rgb[o + 1] = (byte) (p >> 8);
                rgb[o + 2] = (byte) p;
            }
        }
        return new RgbImage(w, h, rgb);
    }

    /** Writes an 8-bit grey PNG atomically; every value must be in 0..255. */
    public static void writeLabels8(Path file, LabelImage labels) throws IOException {
        BufferedImage image = new BufferedImage(labels.width(), labels.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        int[] values = labels.values();
        for (int i = 0; i < values.length; i++) {
            int v = values[i];
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("value " + v + " at pixel " + i + " does not fit 8 bits (" + file + ")");
            }
            data[i] = (byte) v;
        }
        encode(file, image);
    }

    /** Writes a 16-bit grey PNG atomically; every value must be in 0..65535. */
    public static void writeLabels16(Path file, LabelImage labels) throws IOException {
        BufferedImage image = new BufferedImage(labels.width(), labels.height(), BufferedImage.TYPE_USHORT_GRAY);
        short[] data = ((DataBufferUShort) image.getRaster().getDataBuffer()).getData();
        int[] values = labels.values();
        for (int i = 0; i < values.length; i++) {
            int v = values[i];
            if (v < 0 || v > 65535) {
                throw new IllegalArgumentException("value " + v + " at pixel " + i + " does not fit 16 bits (" + file + ")");
            }
            data[i] = (short) v;
        }
        encode(file, image);
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
        java.awt.image.ComponentColorModel model = new java.awt.image.ComponentColorModel(
                java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB), new int[] {16, 16, 16},
                false, false, java.awt.Transparency.OPAQUE, java.awt.image.DataBuffer.TYPE_USHORT);
        java.awt.image.WritableRaster raster = model.createCompatibleWritableRaster(w, h);
        short[] data = ((DataBufferUShort) raster.getDataBuffer()).getData();
        int[][] channels = {red.values(), green.values(), blue.values()};
        for (int ch = 0; ch < 3; ch++) {
            int[] values = channels[ch];
            for (int i = 0; i < values.length; i++) {
                int v = values[i];
                if (v < 0 || v > 65535) {
                    throw new IllegalArgumentException("value " + v + " at pixel " + i + " of channel " + ch + " does not fit 16 bits (" + file + ")");
                }
                data[i * 3 + ch] = (short) v;
            }
        }
        encode(file, new BufferedImage(model, raster, false, null));
    }

    /** Writes an 8-bit RGB PNG atomically. */
    public static void writeRgb(Path file, RgbImage rgb) throws IOException {
        BufferedImage image = new BufferedImage(rgb.width(), rgb.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        byte[] src = rgb.rgb();
        for (int i = 0; i < src.length; i += 3) {
            data[i] = src[i + 2];
            data[i + 1] = src[i + 1];
            data[i + 2] = src[i];
        }
        encode(file, image);
    }

    private static BufferedImage decode(Path file) throws AdaptsegException {
        BufferedImage image;
        try (InputStream in = Files.newInputStream(file)) {
            image = ImageIO.read(in);
        } catch (NoSuchFileException e) {
            throw new AdaptsegException(file + ": file not found");
        } catch (IOException | RuntimeException e) {
            throw new AdaptsegException(file + ": not a readable PNG (" + e.getMessage() + ")", e);
        }
        if (image == null) {
            throw new AdaptsegException(file + ": not a PNG image");
        }
        return image;
    }

    private static void encode(Path file, BufferedImage image) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
