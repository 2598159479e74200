package io.adaptseg.core.report;

import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The one way adaptseg draws a chart: a white Java2D picture with anti-aliased lines and text,
 * written as PNG through {@link PngCodec} (atomically). Score plots, training curves and the demo's
 * model comparison all draw on one, so they share size rules, fonts and the PNG path. Owns its
 * graphics context.
 */
public final class Canvas implements AutoCloseable {
    private final BufferedImage image;
    private final Graphics2D graphics;

    public Canvas(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("canvas size must be positive, found " + width + "x" + height);
        }
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        graphics = image.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(Color.BLACK);
        graphics.setFont(font(12));
    }

    /** The plain sans-serif font of every chart, at {@code size} points. */
    public static Font font(float size) {
        return new Font(Font.SANS_SERIF, Font.PLAIN, 12).deriveFont(size);
    }

    public Graphics2D graphics() {
        return graphics;
    }

    public BufferedImage image() {
        return image;
    }

    /** The picture as 8-bit RGB. */
    public RgbImage toRgb() {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = (byte) (argb[i] >> 16);
            rgb[3 * i + 1] = (byte) (argb[i] >> 8);
            rgb[3 * i + 2] = (byte) argb[i];
        }
        return new RgbImage(w, h, rgb);
    }

    /** Writes the picture as PNG, atomically (a reader never sees half a file). */
    public void writePng(Path file) throws IOException {
        PngCodec.writeRgb(file, toRgb());
    }

    @Override
    public void close() {
        graphics.dispose();
    }
}
