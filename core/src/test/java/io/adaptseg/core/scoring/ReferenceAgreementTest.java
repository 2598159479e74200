package io.adaptseg.core.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.dataset.LabelDecoder;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.metrics.ConfusionMatrix;
import io.adaptseg.core.metrics.SegmentationMetrics;
import io.adaptseg.core.report.ScoreReport;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scores random images with {@link PairScorer} and with straightforward re-implementations of the
 * two reference algorithms written here from their published code: cityscapesScripts'
 * evalPixelLevelSemanticLabeling (a labelId × labelId matrix; IoU over evaluated labels) and the
 * research repos' compute_iou / MaxSquare Eval ({@code fast_hist} = bincount(n·gt + pred)).
 */
class ReferenceAgreementTest {
    /** Cityscapes labelId → trainId of the 19 evaluated classes, typed in from labels.py. */
    private static final Map<Integer, Integer> LABEL_TO_TRAIN = Map.ofEntries(
            Map.entry(7, 0), Map.entry(8, 1), Map.entry(11, 2), Map.entry(12, 3), Map.entry(13, 4),
            Map.entry(17, 5), Map.entry(19, 6), Map.entry(20, 7), Map.entry(21, 8), Map.entry(22, 9),
            Map.entry(23, 10), Map.entry(24, 11), Map.entry(25, 12), Map.entry(26, 13), Map.entry(27, 14),
            Map.entry(28, 15), Map.entry(31, 16), Map.entry(32, 17), Map.entry(33, 18));
    /** The 16 SYNTHIA classes as trainIds (MaxSquare's 16-class order). */
    private static final int[] SYNTHIA16_TRAIN = {0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 15, 17, 18};
    /** MaxSquare's 16 → 13 positions (wall, fence, pole dropped). */
    private static final int[] SYNTHIA_16_TO_13 = {0, 1, 2, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    /** CLAN's 13 classes as trainIds. */
    private static final int[] SYNTHIA13_TRAIN = {0, 1, 2, 6, 7, 8, 10, 11, 12, 13, 15, 17, 18};

    /** Random label image: rectangles (long runs) over a background, with a noisy band (short runs). */
    static int[] randomImage(int w, int h, SplittableRandom r, int[] alphabet) {
        int[] v = new int[w * h];
        Arrays.fill(v, alphabet[r.nextInt(alphabet.length)]);
        for (int k = 0; k < 12; k++) {
            int x0 = r.nextInt(w);
            int y0 = r.nextInt(h);
            int x1 = Math.min(w, x0 + 1 + r.nextInt(w / 2));
            int y1 = Math.min(h, y0 + 1 + r.nextInt(h / 2));
            int c = alphabet[r.nextInt(alphabet.length)];
            for (int y = y0; y < y1; y++) {
                Arrays.fill(v, y * w + x0, y * w + x1, c);
            }
        }
        int band = r.nextInt(h);
        for (int i = band * w; i < Math.min(h, band + 5) * w; i++) {
            v[i] = alphabet[r.nextInt(alphabet.length)];
        }
        return v;
    }

    private static int[] range(int from, int toExclusive) {
        return java.util.stream.IntStream.range(from, toExclusive).toArray();
    }

    /** fast_hist: bincount(n * a[k] + b[k]) with k = (a >= 0) & (a < n), reshaped n × n. */
    static long[][] fastHist(int[] a, int[] b, int n) {
        long[][] hist = new long[n][n];
        for (int i = 0; i < a.length; i++) {
            if (a[i] >= 0 && a[i] < n) {
                int flat = n * a[i] + b[i];
                hist[flat / n][flat % n]++;
            }
        }
        return hist;
    }

    /** per_class_iu: diag / (hist.sum(1) + hist.sum(0) - diag). */
    static double[] perClassIu(long[][] hist) {
        int n = hist.length;
        double[] iu = new double[n];
        for (int c = 0; c < n; c++) {
            long rowSum = Arrays.stream(hist[c]).sum();
            long colSum = 0;
            for (long[] row : hist) {
                colSum += row[c];
            }
            double denominator = rowSum + colSum - hist[c][c];
            iu[c] = hist[c][c] / denominator; // 0/0 = NaN, as numpy
        }
        return iu;
    }

    private static int labelToTrain(int labelId) {
        return LABEL_TO_TRAIN.getOrDefault(labelId, 255);
    }

    private static double[] scorerIou(Protocol protocol, LabelDecoder gtFormat, int[] gt, LabelDecoder predFormat,
            int[] pred, int w, int h) throws Exception {
        PairScorer scorer = new PairScorer(protocol, gtFormat, predFormat);
        ConfusionMatrix m = scorer.newMatrix();
        scorer.add(m, new LabelImage(w, h, gt), "gt", new LabelImage(w, h, pred), "pred");
        return SegmentationMetrics.of(m, protocol.reportedClasses()).iou();
    }

    private static void assertSameIou(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int c = 0; c < expected.length; c++) {
            if (Double.isNaN(expected[c])) {
                assertTrue(Double.isNaN(actual[c]), "class " + c + ": expected NaN, got " + actual[c]);
            } else {
                assertEquals(expected[c], actual[c], 1e-6, "class " + c);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void trainIdPredictionsMatchComputeIou(long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        int w = 97;
        int h = 61;
        int[] gtLabelIds = randomImage(w, h, r, range(0, 34));
        int[] predTrainIds = randomImage(w, h, r, range(0, 19));
        int[] gtTrain = Arrays.stream(gtLabelIds).map(ReferenceAgreementTest::labelToTrain).toArray();
        double[] expected = perClassIu(fastHist(gtTrain, predTrainIds, 19));
        assertSameIou(expected, scorerIou(Protocol.CITYSCAPES19, LabelDecoder.LABEL_IDS, gtLabelIds,
                LabelDecoder.TRAIN_IDS, predTrainIds, w, h));
        // the same ground truth stored as trainIds gives the same numbers
        assertSameIou(expected, scorerIou(Protocol.CITYSCAPES19, LabelDecoder.TRAIN_IDS, gtTrain,
                LabelDecoder.TRAIN_IDS, predTrainIds, w, h));
    }

    /**
     * cityscapesScripts: confMatrix[gt][pred] over all labelIds; for an evaluated label l,
     * tp = conf[l][l], fn = Σ conf[l][:] − tp, fp = Σ_{l' not ignoreInEval} conf[l'][l] − tp,
     * IoU = tp / (tp + fp + fn), NaN when that is 0.
     */
    static double[] officialIou(int[] gtLabelIds, int[] predLabelIds) {
        int maxId = 33;
        long[][] conf = new long[maxId + 1][maxId + 1];
        for (int i = 0; i < gtLabelIds.length; i++) {
            conf[gtLabelIds[i]][predLabelIds[i]]++;
        }
        int[] evaluated = LABEL_TO_TRAIN.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        double[] iou = new double[19];
        for (int label : evaluated) {
            long tp = conf[label][label];
            long fn = Arrays.stream(conf[label]).sum() - tp;
            long fp = -tp;
            for (int other : evaluated) {
                fp += conf[other][label];
            }
            long denominator = tp + fp + fn;
            iou[LABEL_TO_TRAIN.get(label)] = denominator == 0 ? Double.NaN : (double) tp / denominator;
        }
        return iou;
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15})
    void labelIdPredictionsMatchTheOfficialEvaluation(long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        int w = 89;
        int h = 67;
        int[] gt = randomImage(w, h, r, range(0, 34));
        // predictions of non-evaluated ids (0..6, 9, 10, ...) are errors for the gt class
        int[] pred = randomImage(w, h, r, range(0, 34));
        assertSameIou(officialIou(gt, pred), scorerIou(Protocol.CITYSCAPES19, LabelDecoder.LABEL_IDS, gt,
                LabelDecoder.LABEL_IDS, pred, w, h));
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void synthia16MatchesMaxSquareEval(long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        int w = 80;
        int h = 50;
        int[] gtLabelIds = randomImage(w, h, r, range(0, 34));
        int[] pred16 = randomImage(w, h, r, range(0, 16));
        // MaxSquare: gt labelIds mapped straight into the 16 classes (others ignored); a 16-output model
        int[] gt16 = Arrays.stream(gtLabelIds).map(id -> {
            int train = labelToTrain(id);
            for (int i = 0; i < 16; i++) {
                if (SYNTHIA16_TRAIN[i] == train) {
                    return i;
                }
            }
            return 255;
        }).toArray();
        double[] expected = perClassIu(fastHist(gt16, pred16, 16));
        int[] predTrainIds = Arrays.stream(pred16).map(i -> SYNTHIA16_TRAIN[i]).toArray();
        double[] actual = scorerIou(Protocol.SYNTHIA16, LabelDecoder.LABEL_IDS, gtLabelIds, LabelDecoder.TRAIN_IDS,
                predTrainIds, w, h);
        assertSameIou(expected, actual);

        PairScorer scorer = new PairScorer(Protocol.SYNTHIA16, LabelDecoder.LABEL_IDS, LabelDecoder.TRAIN_IDS);
        ConfusionMatrix m = scorer.newMatrix();
        scorer.add(m, new LabelImage(w, h, gtLabelIds), "gt", new LabelImage(w, h, predTrainIds), "pred");
        ScoreReport report = ScoreReport.of("synthia16", Protocol.SYNTHIA16.reportedNames(),
                Protocol.SYNTHIA16.reportedTrainIds(), m, Protocol.SYNTHIA16.reportedClasses(),
                Protocol.SYNTHIA16.extraMeans(), 1);
        double[] picked = Arrays.stream(SYNTHIA_16_TO_13).mapToDouble(i -> expected[i]).toArray();
        assertEquals(nanMean(expected), report.means().get("mIoU"), 1e-9);
        assertEquals(nanMean(picked), report.means().get("mIoU13"), 1e-9);
    }

    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33})
    void synthia13MatchesClan(long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        int w = 70;
        int h = 40;
        int[] gtLabelIds = randomImage(w, h, r, range(0, 34));
        int[] pred = randomImage(w, h, r, range(0, 19));
        int[] gtTrain = Arrays.stream(gtLabelIds).map(ReferenceAgreementTest::labelToTrain).toArray();
        double[] all = perClassIu(fastHist(gtTrain, pred, 19));
        double[] expected = Arrays.stream(SYNTHIA13_TRAIN).mapToDouble(t -> all[t]).toArray();
        assertSameIou(expected, scorerIou(Protocol.SYNTHIA13, LabelDecoder.LABEL_IDS, gtLabelIds, LabelDecoder.TRAIN_IDS,
                pred, w, h));
    }

    @ParameterizedTest
    @ValueSource(longs = {41, 42})
    void summaryMetricsMatchTheReferenceFormulas(long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        int w = 64;
        int h = 48;
        int[] gt = randomImage(w, h, r, new int[] {0, 1, 2, 5, 255});
        int[] pred = randomImage(w, h, r, new int[] {0, 1, 2, 3, 5});
        long[][] hist = fastHist(gt, pred, 19);
        double[] iu = perClassIu(hist);
        double total = Arrays.stream(hist).flatMapToLong(Arrays::stream).sum();
        double trace = 0;
        double fw = 0;
        double[] acc = new double[19];
        for (int c = 0; c < 19; c++) {
            trace += hist[c][c];
            double freq = Arrays.stream(hist[c]).sum() / total;
            if (freq > 0) {
                fw += freq * iu[c];
            }
            acc[c] = hist[c][c] / (double) Arrays.stream(hist[c]).sum();
        }
        PairScorer scorer = new PairScorer(Protocol.CITYSCAPES19, LabelDecoder.TRAIN_IDS, LabelDecoder.TRAIN_IDS);
        ConfusionMatrix m = scorer.newMatrix();
        scorer.add(m, new LabelImage(w, h, gt), "gt", new LabelImage(w, h, pred), "pred");
        SegmentationMetrics s = SegmentationMetrics.of(m);
        assertEquals(nanMean(iu), s.meanIou(), 1e-12);
        assertEquals(fw, s.frequencyWeightedIou(), 1e-12);
        assertEquals(trace / total, s.pixelAccuracy(), 1e-12);
        assertEquals(nanMean(acc), s.meanClassAccuracy(), 1e-12);
    }

    private static double nanMean(double[] values) {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }
}
