package io.adaptseg.train.translation;

import io.adaptseg.core.image.RgbImage;
import io.adaptseg.core.resample.Convention;
import io.adaptseg.core.resample.Resampler;
import java.util.ArrayList;
import java.util.List;

/**
 * The report picture of a translation: one row per example, content | style | result, each scaled to
 * {@link #HEIGHT} pixels high (aspect kept), with a white gap between panels and rows.
 */
final class SideBySide {
    static final int ROWS = 3;
    static final int HEIGHT = 160;
    private static final int GAP = 4;
    private final List<RgbImage[]> rows = new ArrayList<>();

    void add(RgbImage content, RgbImage style, RgbImage result) {
        rows.add(new RgbImage[] {scaled(content), scaled(style), scaled(result)});
    }

    private static RgbImage scaled(RgbImage img) {
        int w = Math.max(1, (int) Math.round((double) img.width() * HEIGHT / img.height()));
        return new RgbImage(w, HEIGHT, Resampler.resizeRgb(img.rgb(), img.width(), img.height(), w, HEIGHT,
                Convention.HALF_PIXEL));
    }

    /** The picture; a blank panel when nothing was added. */
    RgbImage image() {
        int width = GAP;
        for (RgbImage[] row : rows) {
            int w = GAP;
            for (RgbImage p : row) {
                w += p.width() + GAP;
            }
            width = Math.max(width, w);
        }
        int height = GAP + rows.size() * (HEIGHT + GAP);
        width = Math.max(width, 2 * GAP);
        height = Math.max(height, 2 * GAP);
        byte[] rgb = new byte[width * height * 3];
        java.util.Arrays.fill(rgb, (byte) 255);
        int y0 = GAP;
        for (RgbImage[] row : rows) {
            int x0 = GAP;
            for (RgbImage p : row) {
                for (int y = 0; y < p.height(); y++) {
                    System.arraycopy(p.rgb(), y * p.width() * 3, rgb, ((y0 + y) * width + x0) * 3, p.width() * 3);
                }
                x0 += p.width() + GAP;
            }
            y0 += HEIGHT + GAP;
        }
        return new RgbImage(width, height, rgb);
    }
}
