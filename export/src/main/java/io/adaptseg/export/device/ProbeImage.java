package io.adaptseg.export.device;

import io.adaptseg.core.model.ModelMetadata;
import java.util.Random;

/**
 * The input every provider of the check sees: one synthetic street-like picture at the model's input
 * size (a sky that brightens towards the horizon, buildings, vegetation, sidewalk, road, cars), drawn
 * from a fixed seed and normalised as the model's metadata says. Smooth regions rather than export's
 * random bytes, and no pixel noise: per-pixel noise puts a share of the pixels near a tie between two
 * classes, and a provider's legitimate rounding, such as TF32 arithmetic on an NVIDIA GPU (10 mantissa
 * bits), would flip more labels than float32's 99.99 % allows; on smooth regions ties fall only on the
 * thin lines where one class gives way to another ({@link ProbeModel} has the measurements).
 */
public final class ProbeImage {
    private static final long SEED = 7;

    private ProbeImage() {
    }

    /** Interleaved RGB bytes of the picture, {@code height * width * 3}. */
    public static byte[] rgb(int height, int width) {
        Random random = new Random(SEED);
        byte[] rgb = new byte[height * width * 3];
        int horizon = height * 55 / 100;
        int kerb = height * 62 / 100;
        for (int y = 0; y < horizon; y++) {
            int lift = 60 * y / Math.max(1, horizon);
            fill(rgb, width, 0, y, width, y + 1, 70 + lift, 130 + lift / 2, 180 + lift / 3);
        }
        for (int x = 0; x < width; ) {
            int w = Math.max(4, width / 10 + random.nextInt(Math.max(1, width / 8)));
            int top = height * (10 + random.nextInt(30)) / 100;
            int shade = 60 + random.nextInt(80);
            fill(rgb, width, x, top, Math.min(width, x + w), horizon, shade, shade, shade + 10);
            x += w + random.nextInt(Math.max(1, width / 20));
        }
        for (int i = 0; i < 3; i++) {
            int cx = random.nextInt(width);
            int r = Math.max(3, height / 8 + random.nextInt(Math.max(1, height / 10)));
            disc(rgb, width, height, cx, horizon - r / 2, r, 107, 142, 35);
        }
        fill(rgb, width, 0, horizon, width, kerb, 244, 35, 232);
        fill(rgb, width, 0, kerb, width, height, 128, 64, 128);
        for (int i = 0; i < 3; i++) {
            int w = Math.max(4, width / 8);
            int x = random.nextInt(Math.max(1, width - w));
            int top = kerb + random.nextInt(Math.max(1, (height - kerb) / 2));
            fill(rgb, width, x, top, x + w, Math.min(height, top + Math.max(3, height / 10)), 0, 0, 142);
        }
        return rgb;
    }

    /** The picture at the model's input size, normalised as its contract says: [1, 3, H, W]. */
    public static float[] normalised(ModelMetadata model) {
        int pixels = model.inputHeight() * model.inputWidth();
        float[] out = new float[3 * pixels];
        model.normalization().toChw(rgb(model.inputHeight(), model.inputWidth()), pixels, out, 0);
        return out;
    }

    private static void fill(byte[] rgb, int width, int x0, int y0, int x1, int y1, int r, int g, int b) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                set(rgb, (y * width + x) * 3, r, g, b);
            }
        }
    }

    private static void disc(byte[] rgb, int width, int height, int cx, int cy, int radius, int r, int g, int b) {
        for (int y = Math.max(0, cy - radius); y < Math.min(height, cy + radius); y++) {
            for (int x = Math.max(0, cx - radius); x < Math.min(width, cx + radius); x++) {
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius) {
                    set(rgb, (y * width + x) * 3, r, g, b);
                }
            }
        }
    }

    private static void set(byte[] rgb, int i, int r, int g, int b) {
        rgb[i] = (byte) r;
        rgb[i + 1] = (byte) g;
        rgb[i + 2] = (byte) b;
    }
}
