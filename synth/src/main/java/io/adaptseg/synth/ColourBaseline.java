package io.adaptseg.synth;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.core.labels.IdMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A network-free segmenter that makes the domain gap visible: each pixel gets the class whose mean
 * (R, G, B, row) over the labelled source pixels is nearest. It learns "what colour is each class
 * and where in the picture is it", exactly the knowledge that does not transfer when the target
 * paints classes differently, so its accuracy drops from source to target.
 */
public final class ColourBaseline {
    /** Classes are the 19 Cityscapes trainIds. */
    public static final int CLASSES = 19;
    /** Weight of the row (0..255 from top to bottom) against the colour channels. */
    public static final double ROW_WEIGHT = 0.5;

    private final double[] means;
    private final boolean[] seen;

    private ColourBaseline(double[] means, boolean[] seen) {
        this.means = means;
        this.seen = seen;
    }

    /** Accumulates the per-class feature sums of labelled images. */
    public static final class Fitter {
        private final double[] sums = new double[CLASSES * 4];
        private final long[] counts = new long[CLASSES];

        /** Adds one image with its trainId labels (255 and other values above 18 are skipped). */
        public Fitter add(RgbImage image, LabelImage trainIds) {
            checkSize(image, trainIds);
            int w = image.width();
            int h = image.height();
            byte[] rgb = image.rgb();
            int[] labels = trainIds.values();
            for (int y = 0; y < h; y++) {
                double row = row(y, h);
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    int c = labels[i];
                    if (c < 0 || c >= CLASSES) {
                        continue;
                    }
                    sums[c * 4] += rgb[i * 3] & 0xff;
                    sums[c * 4 + 1] += rgb[i * 3 + 1] & 0xff;
                    sums[c * 4 + 2] += rgb[i * 3 + 2] & 0xff;
                    sums[c * 4 + 3] += row;
                    counts[c]++;
                }
            }
            return this;
        }

        /** The fitted classifier; classes never seen are never predicted. */
        public ColourBaseline fit() {
            double[] means = new double[CLASSES * 4];
            boolean[] seen = new boolean[CLASSES];
            for (int c = 0; c < CLASSES; c++) {
                if (counts[c] > 0) {
                    seen[c] = true;
                    for (int k = 0; k < 4; k++) {
                        means[c * 4 + k] = sums[c * 4 + k] / counts[c];
                    }
                }
            }
            for (boolean s : seen) {
                if (s) {
                    return new ColourBaseline(means, seen);
                }
            }
            throw new IllegalStateException("no labelled pixel was added: nothing to fit");
        }
    }

    /** Starts fitting. */
    public static Fitter fitter() {
        return new Fitter();
    }

    /**
     * Fits on label files of a dataset: {@code images.get(i)} is labelled by {@code labels.get(i)},
     * whose raw values {@code labelMap} turns into trainIds (e.g. Cityscapes labelIds for GTA5).
     */
    public static ColourBaseline fit(List<Path> images, List<Path> labels, IdMap labelMap) throws AdaptsegException {
        if (images.size() != labels.size()) {
            throw new IllegalArgumentException(images.size() + " images but " + labels.size() + " label files");
        }
        Fitter fitter = fitter();
        for (int i = 0; i < images.size(); i++) {
            RgbImage image = PngCodec.readRgb(images.get(i));
            LabelImage raw = PngCodec.readLabels(labels.get(i));
            if (raw.width() != image.width() || raw.height() != image.height()) {
                throw new AdaptsegException(labels.get(i) + ": labels are " + raw.sizeString() + " but the image "
                        + images.get(i) + " is " + image.sizeString());
            }
            fitter.add(image, toTrainIds(raw, labelMap, labels.get(i)));
        }
        return fitter.fit();
    }

    /** The nearest class mean of every pixel, as trainIds. */
    public LabelImage predict(RgbImage image) {
        int w = image.width();
        int h = image.height();
        byte[] rgb = image.rgb();
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            double row = row(y, h);
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double r = rgb[i * 3] & 0xff;
                double g = rgb[i * 3 + 1] & 0xff;
                double b = rgb[i * 3 + 2] & 0xff;
                int best = 0;
                double bestD = Double.MAX_VALUE;
                for (int c = 0; c < CLASSES; c++) {
                    if (!seen[c]) {
                        continue;
                    }
                    double dr = r - means[c * 4];
                    double dg = g - means[c * 4 + 1];
                    double db = b - means[c * 4 + 2];
                    double dy = row - means[c * 4 + 3];
                    double d = dr * dr + dg * dg + db * db + dy * dy;
                    if (d < bestD) {
                        bestD = d;
                        best = c;
                    }
                }
                out[i] = best;
            }
        }
        return new LabelImage(w, h, out);
    }

    /**
     * Predicts every {@code *.png} under {@code imageDir} (recursively) and writes trainId PNGs of
     * the same file name into {@code outDir}, as the research repos save predictions. Returns the
     * files written.
     */
    public List<Path> predictFolder(Path imageDir, Path outDir) throws AdaptsegException, IOException {
        List<Path> inputs;
        try (Stream<Path> walk = Files.walk(imageDir)) {
            inputs = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".png")).sorted().toList();
        } catch (IOException e) {
            throw new AdaptsegException(imageDir + ": cannot list images (" + e.getMessage() + ")", e);
        }
        if (inputs.isEmpty()) {
            throw new AdaptsegException(imageDir + ": no .png images found");
        }
        List<Path> written = new ArrayList<>();
        for (Path in : inputs) {
            Path out = outDir.resolve(in.getFileName().toString());
            PngCodec.writeLabels8(out, predict(PngCodec.readRgb(in)));
            written.add(out);
        }
        return written;
    }

    /** The class mean colour (0xRRGGBB) learnt for trainId {@code c}, or -1 if it was never seen. */
    public int meanColour(int c) {
        if (!seen[c]) {
            return -1;
        }
        int r = (int) Math.round(means[c * 4]);
        int g = (int) Math.round(means[c * 4 + 1]);
        int b = (int) Math.round(means[c * 4 + 2]);
        return r << 16 | g << 8 | b;
    }

    /**
     * Pixel accuracy counts {correct, evaluated} of a prediction against trainId ground truth,
     * ignoring ground-truth values outside 0..18. (The project's confusion matrix gives the full
     * metrics; this is the plain count the baseline's own tests use.)
     */
    public static long[] pixelAccuracyCounts(LabelImage predicted, LabelImage truth) {
        if (predicted.width() != truth.width() || predicted.height() != truth.height()) {
            throw new IllegalArgumentException("prediction is " + predicted.sizeString() + " but ground truth is " + truth.sizeString());
        }
        long correct = 0;
        long valid = 0;
        int[] p = predicted.values();
        int[] t = truth.values();
        for (int i = 0; i < t.length; i++) {
            if (t[i] >= 0 && t[i] < CLASSES) {
                valid++;
                if (p[i] == t[i]) {
                    correct++;
                }
            }
        }
        return new long[] {correct, valid};
    }

    private static LabelImage toTrainIds(LabelImage raw, IdMap map, Path file) throws AdaptsegException {
        int[] v = raw.values();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (!map.isKnown(v[i])) {
                throw new AdaptsegException(file + ": value " + v[i] + " at pixel (" + i % raw.width() + ", "
                        + i / raw.width() + ") is not a valid id for " + map.name());
            }
            out[i] = map.map(v[i]);
        }
        return new LabelImage(raw.width(), raw.height(), out);
    }

    private static void checkSize(RgbImage image, LabelImage labels) {
        if (image.width() != labels.width() || image.height() != labels.height()) {
            throw new IllegalArgumentException("image is " + image.sizeString() + " but labels are " + labels.sizeString());
        }
    }

    private static double row(int y, int h) {
        return ROW_WEIGHT * 255.0 * (y + 0.5) / h;
    }
}
