package io.adaptseg.bench;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.dataset.LabelDecoder;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.labels.CityscapesClass;
import io.adaptseg.core.scoring.Protocol;
import io.adaptseg.core.scoring.ScorePair;
import io.adaptseg.core.scoring.ScoreResult;
import io.adaptseg.core.scoring.ScoreRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;

/**
 * The fixture of {@code adaptseg bench score}: street-like label pairs (labelId ground truth with
 * sky, buildings, road, sidewalk and rectangles of the other classes plus unlabelled areas; a trainId
 * prediction that shifts the boundaries and paints wrong blocks), so that the PNGs compress and
 * decode like real Cityscapes labels rather than like noise.
 */
public final class ScoreBenchmark {
    private ScoreBenchmark() {
    }

    /**
     * Writes {@code count} pairs into {@code dir} ({@code gt/<key>_gtFine_labelIds.png},
     * {@code pred/<key>_leftImg8bit.png}) on {@code threads} threads and returns them.
     */
    public static List<ScorePair> generate(Path dir, int count, int width, int height, long seed, int threads)
            throws IOException {
        Path gtDir = Files.createDirectories(dir.resolve("gt").resolve("benchcity"));
        Path predDir = Files.createDirectories(dir.resolve("pred").resolve("benchcity"));
        List<ScorePair> pairs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = String.format("benchcity_%06d_%06d", i, 19);
            pairs.add(new ScorePair(key, gtDir.resolve(key + "_gtFine_labelIds.png"),
                    predDir.resolve(key + "_leftImg8bit.png")));
        }
        try (var pool = new java.util.concurrent.ForkJoinPool(threads)) {
            pool.submit(() -> IntStream.range(0, count).parallel().forEach(i -> {
                SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
                int[] trainIds = scene(width, height, random);
                try {
                    PngCodec.writeLabels8(pairs.get(i).gt(), new LabelImage(width, height, toLabelIds(trainIds, random)));
                    PngCodec.writeLabels8(pairs.get(i).pred(), new LabelImage(width, height, perturb(trainIds, width, height, random)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            })).join();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return pairs;
    }

    /** A trainId scene: sky, building, sidewalk and road bands, then rectangles of random classes. */
    private static int[] scene(int w, int h, SplittableRandom r) {
        int[] t = new int[w * h];
        int horizon = h * (35 + r.nextInt(15)) / 100;
        int kerb = h * (55 + r.nextInt(10)) / 100;
        int skyline = horizon * (30 + r.nextInt(40)) / 100;
        for (int y = 0; y < h; y++) {
            int cls = y < skyline ? CityscapesClass.SKY.trainId() : y < horizon ? CityscapesClass.BUILDING.trainId()
                    : y < kerb ? CityscapesClass.SIDEWALK.trainId() : CityscapesClass.ROAD.trainId();
            java.util.Arrays.fill(t, y * w, (y + 1) * w, cls);
        }
        paintBlocks(t, w, h, 30 + r.nextInt(30), 8, 6, 5, () -> r.nextInt(20) == 0 ? 255 : r.nextInt(19), r);
        return t;
    }

    private static int[] toLabelIds(int[] trainIds, SplittableRandom r) {
        int[] ids = new int[trainIds.length];
        int voidId = 1 + r.nextInt(6);
        for (int i = 0; i < ids.length; i++) {
            int t = trainIds[i];
            ids[i] = t == 255 ? voidId : CityscapesClass.values()[t].labelId();
        }
        return ids;
    }

    /** The prediction: the scene shifted by a few pixels with wrong-class blocks, all valid trainIds. */
    private static int[] perturb(int[] t, int w, int h, SplittableRandom r) {
        int dx = r.nextInt(9) - 4;
        int dy = r.nextInt(9) - 4;
        int[] p = new int[t.length];
        for (int y = 0; y < h; y++) {
            int sy = Math.clamp(y + dy, 0, h - 1);
            for (int x = 0; x < w; x++) {
                int v = t[sy * w + Math.clamp(x + dx, 0, w - 1)];
                p[y * w + x] = v == 255 ? 0 : v;
            }
        }
        paintBlocks(p, w, h, 10 + r.nextInt(20), 4, 10, 10, () -> r.nextInt(19), r);
        return p;
    }

    /**
     * Paints {@code count} rectangles of class {@code cls} (drawn first for each), {@code min} pixels plus
     * up to {@code w / widthDivisor} wide and {@code min} plus up to {@code h / heightDivisor} high, at
     * random places inside the {@code w x h} map.
     */
    private static void paintBlocks(int[] map, int w, int h, int count, int min, int widthDivisor, int heightDivisor,
            IntSupplier cls, SplittableRandom r) {
        for (int k = 0; k < count; k++) {
            int c = cls.getAsInt();
            int bw = min + r.nextInt(w / widthDivisor);
            int bh = min + r.nextInt(h / heightDivisor);
            int x0 = r.nextInt(w - bw);
            int y0 = r.nextInt(h - bh);
            for (int y = y0; y < y0 + bh; y++) {
                java.util.Arrays.fill(map, y * w + x0, y * w + x0 + bw, c);
            }
        }
    }

    /** One measured configuration. */
    public record Measurement(int threads, int pairs, double wallSeconds, double decodeMsPerPair, double countMsPerPair) {
        /** Pairs scored per second of wall time. */
        public double pairsPerSecond() {
            return pairs / wallSeconds;
        }
    }

    /** Scores {@code pairs} once on {@code threads} threads (cityscapes19, labelId gt, trainId predictions). */
    public static Measurement measure(List<ScorePair> pairs, int threads) throws AdaptsegException {
        ScoreRun run = new ScoreRun(Protocol.CITYSCAPES19, LabelDecoder.LABEL_IDS, LabelDecoder.TRAIN_IDS, threads, 0);
        ScoreResult result = run.run(pairs, line -> { });
        return new Measurement(threads, pairs.size(), result.wallNanos() / 1e9,
                result.decodeNanos() / 1e6 / pairs.size(), result.countNanos() / 1e6 / pairs.size());
    }
}
