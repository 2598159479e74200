package io.adaptseg.infer;

import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/** A tiny Cityscapes-layout folder: leftImg8bit/val/<city>/ images and gtFine/val/<city>/ labelIds. */
public final class CityscapesFixture {
    public static final String[] CITIES = {"aachen", "bremen"};

    private CityscapesFixture() {
    }

    /** {@code perCity} images of 96x48 per city, with banded labelId ground truth; returns the root. */
    public static Path write(Path root, int perCity) throws IOException {
        int w = 96;
        int h = 48;
        for (String city : CITIES) {
            for (int i = 0; i < perCity; i++) {
                String key = city + "_000000_" + String.format("%06d", i * 19);
                long seed = city.hashCode() * 31L + i;
                PngCodec.writeRgb(root.resolve("leftImg8bit/val/" + city + "/" + key + "_leftImg8bit.png"), image(w, h, seed));
                PngCodec.writeLabels8(root.resolve("gtFine/val/" + city + "/" + key + "_gtFine_labelIds.png"), labels(w, h, seed));
            }
        }
        return root;
    }

    static Path image(Path root, String city, int i) {
        return root.resolve("leftImg8bit/val/" + city + "/" + city + "_000000_" + String.format("%06d", i * 19) + "_leftImg8bit.png");
    }

    public static RgbImage image(int w, int h, long seed) {
        byte[] rgb = new byte[w * h * 3];
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    double v = 128 + 100 * Math.sin(x * 0.15 + c + seed) * Math.cos(y * 0.2 - c) + r.nextInt(9);
                    rgb[(y * w + x) * 3 + c] = (byte) Math.max(0, Math.min(255, (int) v));
                }
            }
        }
        return new RgbImage(w, h, rgb);
    }

    /** Horizontal bands of a few labelIds (road 7, building 11, sky 23, car 26, unlabeled 0). */
    public static LabelImage labels(int w, int h, long seed) {
        int[] ids = {23, 11, 26, 7, 0};
        int[] v = new int[w * h];
        int shift = (int) Math.floorMod(seed, 5);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v[y * w + x] = ids[Math.min(ids.length - 1, (y + shift) * ids.length / h)];
            }
        }
        return new LabelImage(w, h, v);
    }
}
