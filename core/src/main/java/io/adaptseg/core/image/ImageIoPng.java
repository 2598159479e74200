package io.adaptseg.core.image;

import io.adaptseg.core.AdaptsegException;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * The slow path for the PNGs the own decoder leaves out: interlaced (Adam7) files and bit depths
 * 1, 2 and 4 (and, through {@link #toRgb}, the other formats of {@link ImageFiles}). Converts from the raster's samples, never through {@code getRGB}, because Java treats
 * grey images as linear and would change their values.
 */
final class ImageIoPng {
    private ImageIoPng() {
    }

    static LabelImage readLabels(byte[] png, String source, int[] buffer) throws AdaptsegException {
        BufferedImage image = decode(png, source);
        int w = image.getWidth();
        int h = image.getHeight();
        int[] values = buffer != null && buffer.length == w * h ? buffer : new int[w * h];
        image.getRaster().getSamples(0, 0, w, h, 0, values);
        return new LabelImage(w, h, values);
    }

    static RgbImage readRgb(byte[] png, String source) throws AdaptsegException {
        return toRgb(decode(png, source));
    }

    /** Any decoded image as 8-bit RGB from its raster's samples (palette looked up, grey replicated, alpha dropped). */
    static RgbImage toRgb(BufferedImage image) {
        Raster raster = image.getRaster();
        ColorModel model = image.getColorModel();
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] rgb = new byte[w * h * 3];
        int bands = raster.getNumBands();
        int bits = raster.getSampleModel().getSampleSize(0);
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            for (int x = 0, o = y * w * 3; x < w; x++, o += 3) {
                if (model instanceof IndexColorModel palette) {
                    int p = palette.getRGB(row[x * bands]);
                    rgb[o] = (byte) (p >> 16);
                    rgb[o + 1] = (byte) (p >> 8);
                    rgb[o + 2] = (byte) p;
                } else if (bands >= 3) {
                    rgb[o] = to8(row[x * bands], bits);
                    rgb[o + 1] = to8(row[x * bands + 1], bits);
                    rgb[o + 2] = to8(row[x * bands + 2], bits);
                } else {
                    byte g = to8(row[x * bands], bits);
                    rgb[o] = g;
                    rgb[o + 1] = g;
                    rgb[o + 2] = g;
                }
            }
        }
        return new RgbImage(w, h, rgb);
    }

    /** Scales a sample of {@code bits} bits to 8 bits (16-bit keeps the high byte, as libpng's strip_16). */
    private static byte to8(int v, int bits) {
        if (bits == 8) {
            return (byte) v;
        }
        if (bits == 16) {
            return (byte) (v >>> 8);
        }
        return (byte) (v * 255 / ((1 << bits) - 1));
    }

    private static BufferedImage decode(byte[] png, String source) throws AdaptsegException {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException | RuntimeException e) {
            throw new AdaptsegException(source + ": not a readable PNG (" + e.getMessage() + ")", e);
        }
        if (image == null) {
            throw new AdaptsegException(source + ": not a readable PNG");
        }
        return image;
    }
}
