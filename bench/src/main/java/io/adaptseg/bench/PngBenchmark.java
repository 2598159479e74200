package io.adaptseg.bench;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * The engine of {@code adaptseg bench png}: decode and encode times of this project's codec and of
 * ImageIO on the same street-scene-like images (8-bit labels, 16-bit labels, RGB), in memory so that
 * the disk does not blur the comparison. Both decoders read the bytes ImageIO wrote; both produce
 * flat arrays (ImageIO's time includes copying its raster out, as the old codec had to). The
 * "adaptseg+buf" rows decode into one reused {@code int[]}, as scoring and training loops do.
 */
public final class PngBenchmark {
    /** One measured line of the table. */
    public record Row(String image, String codec, double decodeMs, double encodeMs, double rawMegabytes, long pngBytes) {
        public double decodeMBps() {
            return rawMegabytes / (decodeMs / 1000);
        }

        public double encodeMBps() {
            return rawMegabytes / (encodeMs / 1000);
        }
    }

    private final int width;
    private final int height;
    private final int iterations;

    public PngBenchmark(int width, int height, int iterations) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size must be positive, found " + width + "x" + height);
        }
        if (iterations <= 0) {
            throw new IllegalArgumentException("iterations must be positive, found " + iterations);
        }
        this.width = width;
        this.height = height;
        this.iterations = iterations;
    }

    /** Runs every image kind with both codecs. */
    public List<Row> run() throws AdaptsegException {
        List<Row> rows = new ArrayList<>();
        int[] scene = SceneLabels.generate(width, height, 7);
        LabelImage labels8 = new LabelImage(width, height, scene);
        int[] ids16 = new int[scene.length];
        for (int i = 0; i < scene.length; i++) {
            ids16[i] = scene[i] * 257 % 65536;
        }
        LabelImage labels16 = new LabelImage(width, height, ids16);
        RgbImage rgb = SceneLabels.render(labels8, 11);
        double mb = width * (double) height / 1e6;

        byte[] l8 = imageIoEncodeGrey(labels8, 8);
        rows.add(measure("labels 8-bit", "adaptseg", mb,
                () -> PngCodec.decodeLabels(l8, "bench", null), () -> PngCodec.encodeLabels8(labels8)));
        int[] reused = new int[width * height];
        rows.add(measure("labels 8-bit", "adaptseg+buf", mb,
                () -> PngCodec.decodeLabels(l8, "bench", reused), () -> PngCodec.encodeLabels8(labels8)));
        rows.add(measure("labels 8-bit", "ImageIO", mb,
                () -> imageIoDecodeLabels(l8), () -> imageIoEncodeGrey(labels8, 8)));
        byte[] l16 = imageIoEncodeGrey(labels16, 16);
        rows.add(measure("labels 16-bit", "adaptseg", 2 * mb,
                () -> PngCodec.decodeLabels(l16, "bench", null), () -> PngCodec.encodeLabels16(labels16)));
        rows.add(measure("labels 16-bit", "adaptseg+buf", 2 * mb,
                () -> PngCodec.decodeLabels(l16, "bench", reused), () -> PngCodec.encodeLabels16(labels16)));
        rows.add(measure("labels 16-bit", "ImageIO", 2 * mb,
                () -> imageIoDecodeLabels(l16), () -> imageIoEncodeGrey(labels16, 16)));
        byte[] colour = imageIoEncodeRgb(rgb);
        rows.add(measure("RGB 8-bit", "adaptseg", 3 * mb,
                () -> PngCodec.decodeRgb(colour, "bench"), () -> PngCodec.encodeRgb(rgb)));
        rows.add(measure("RGB 8-bit", "ImageIO", 3 * mb,
                () -> imageIoDecodeRgb(colour), () -> imageIoEncodeRgb(rgb)));
        return rows;
    }

    /** Prints the rows as a fixed-width table. */
    public void print(List<Row> rows, PrintStream out) {
        out.printf(Locale.ROOT, "PNG codec, %dx%d, median of %d iterations, encoder %s%n", width, height, iterations,
                PngCodec.encoderSettings());
        out.printf(Locale.ROOT, "%-14s %-12s %10s %11s %10s %11s %11s%n",
                "image", "codec", "decode ms", "decode MB/s", "encode ms", "encode MB/s", "PNG bytes");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%-14s %-12s %10.2f %11.0f %10.2f %11.0f %11d%n", r.image(), r.codec(),
                    r.decodeMs(), r.decodeMBps(), r.encodeMs(), r.encodeMBps(), r.pngBytes());
        }
    }

    private interface Work {
        Object run() throws AdaptsegException;
    }

    private Row measure(String image, String codec, double mb, Work decode, Work encode) throws AdaptsegException {
        byte[] encoded = (byte[]) encode.run();
        int warmup = Math.max(3, iterations / 4);
        for (int i = 0; i < warmup; i++) {
            decode.run();
            encode.run();
        }
        long[] decodeNs = new long[iterations];
        long[] encodeNs = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            decode.run();
            long t1 = System.nanoTime();
            encode.run();
            decodeNs[i] = t1 - t0;
            encodeNs[i] = System.nanoTime() - t1;
        }
        return new Row(image, codec, median(decodeNs) / 1e6, median(encodeNs) / 1e6, mb, encoded.length);
    }

    /** The median: other processes on a shared machine inflate a mean far more than a median. */
    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    static byte[] imageIoEncodeGrey(LabelImage labels, int bits) {
        int type = bits == 8 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_USHORT_GRAY;
        BufferedImage image = new BufferedImage(labels.width(), labels.height(), type);
        int[] values = labels.values();
        if (bits == 8) {
            byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < values.length; i++) {
                data[i] = (byte) values[i];
            }
        } else {
            short[] data = ((DataBufferUShort) image.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < values.length; i++) {
                data[i] = (short) values[i];
            }
        }
        return imageIoWrite(image);
    }

    static byte[] imageIoEncodeRgb(RgbImage rgb) {
        BufferedImage image = new BufferedImage(rgb.width(), rgb.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        byte[] src = rgb.rgb();
        for (int i = 0; i < src.length; i += 3) {
            data[i] = src[i + 2];
            data[i + 1] = src[i + 1];
            data[i + 2] = src[i];
        }
        return imageIoWrite(image);
    }

    private static byte[] imageIoWrite(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no ImageIO PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static BufferedImage imageIoRead(byte[] png) {
        try {
            return ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LabelImage imageIoDecodeLabels(byte[] png) {
        BufferedImage image = imageIoRead(png);
        int w = image.getWidth();
        int h = image.getHeight();
        int[] values = new int[w * h];
        image.getRaster().getSamples(0, 0, w, h, 0, values);
        return new LabelImage(w, h, values);
    }

    static RgbImage imageIoDecodeRgb(byte[] png) {
        BufferedImage image = imageIoRead(png);
        int w = image.getWidth();
        int h = image.getHeight();
        int[] samples = image.getRaster().getPixels(0, 0, w, h, (int[]) null);
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) samples[i];
        }
        return new RgbImage(w, h, rgb);
    }

    /** Street-scene-like label maps and a textured rendering of them, so that compression is realistic. */
    static final class SceneLabels {
        private SceneLabels() {
        }

        /** Cityscapes labelIds: sky, buildings, vegetation, road, sidewalk, poles, cars, people. */
        static int[] generate(int w, int h, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            int[] v = new int[w * h];
            int horizon = h * 9 / 20;
            int[] roofline = new int[w];
            int roof = h / 5;
            for (int x = 0; x < w; x++) {
                if (x % Math.max(8, w / 24) == 0) {
                    roof = h / 10 + random.nextInt(Math.max(1, h / 4));
                }
                roofline[x] = roof;
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int id;
                    if (y < roofline[x]) {
                        id = 23;
                    } else if (y < horizon) {
                        id = (x / Math.max(8, w / 24)) % 5 == 3 ? 21 : 11;
                    } else {
                        int edge = (y - horizon) * w / (2 * (h - horizon) + 1);
                        id = x < w / 2 - edge - w / 8 || x > w / 2 + edge + w / 8 ? 8 : 7;
                    }
                    v[y * w + x] = id;
                }
            }
            for (int k = 0; k < 12; k++) {
                int px = random.nextInt(w);
                int pw = Math.max(1, w / 200);
                fill(v, w, h, px, h / 6, px + pw, horizon + h / 10, 17);
            }
            for (int k = 0; k < 20; k++) {
                int cx = random.nextInt(w);
                int cy = horizon + random.nextInt(Math.max(1, h - horizon));
                int r = Math.max(2, (cy - horizon) / 6 + 2);
                ellipse(v, w, h, cx, cy, r * 2, r, k % 4 == 0 ? 24 : 26);
            }
            return v;
        }

        /** Per-class colours with noise and shading, as a camera image would give. */
        static RgbImage render(LabelImage labels, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            int w = labels.width();
            byte[] rgb = new byte[labels.values().length * 3];
            for (int i = 0; i < labels.values().length; i++) {
                int id = labels.values()[i];
                int base = 40 + (id * 53) % 170;
                int shade = (i / w) * 30 / labels.height();
                for (int c = 0; c < 3; c++) {
                    int value = base + c * 17 - shade + random.nextInt(13) - 6;
                    rgb[3 * i + c] = (byte) Math.max(0, Math.min(255, value));
                }
            }
            return new RgbImage(w, labels.height(), rgb);
        }

        private static void fill(int[] v, int w, int h, int x0, int y0, int x1, int y1, int id) {
            for (int y = Math.max(0, y0); y < Math.min(h, y1); y++) {
                for (int x = Math.max(0, x0); x < Math.min(w, x1); x++) {
                    v[y * w + x] = id;
                }
            }
        }

        private static void ellipse(int[] v, int w, int h, int cx, int cy, int rx, int ry, int id) {
            for (int y = Math.max(0, cy - ry); y < Math.min(h, cy + ry); y++) {
                for (int x = Math.max(0, cx - rx); x < Math.min(w, cx + rx); x++) {
                    double dx = (x - cx) / (double) rx;
                    double dy = (y - cy) / (double) ry;
                    if (dx * dx + dy * dy <= 1) {
                        v[y * w + x] = id;
                    }
                }
            }
        }
    }
}
