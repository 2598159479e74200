package io.adaptseg.export.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

/** The calibration methods on known histograms and ranges. */
class ThresholdsTest {
    /** scripts/fixtures/int8_entropy.py, "decay64_levels8": an exponential decay and one far outlier. */
    private static final long[] DECAY = {1000, 846, 716, 606, 513, 434, 367, 311, 263, 223, 188, 159, 135, 114, 96,
        82, 69, 58, 49, 42, 35, 30, 25, 21, 18, 15, 13, 11, 9, 7, 6, 5, 4, 4, 3, 2, 2, 2, 1, 1, 1, 1, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0};
    /** The same script, "bimodal128_levels16": two bumps with empty bins between and inside. */
    private static final long[] BIMODAL = {7, 15, 30, 56, 94, 147, 210, 279, 340, 384, 400, 384, 340, 279, 210, 147,
        94, 56, 30, 15, 7, 3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 1, 2, 3, 5, 7, 10, 14, 18, 23, 28, 33, 38, 43, 46, 49, 50, 49, 46, 43, 38, 33, 28, 23, 18, 14, 10,
        7, 5, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    @Test
    void entropyMatchesTheIndependentComputation() {
        // numpy's answers (the script); the Java code was written separately from the same description
        assertEquals(31, Thresholds.entropyBins(DECAY, 8));
        assertEquals(79, Thresholds.entropyBins(BIMODAL, 16));
        // the threshold is that many bins of the histogram's width
        assertEquals(31 * 0.5, Thresholds.entropy(AbsHistogram.of(DECAY, 32), 8), 1e-12);
    }

    @Test
    void entropyKeepsEverythingWhenNothingIsGainedByClipping() {
        long[] flat = new long[16];
        java.util.Arrays.fill(flat, 10);
        assertEquals(16, Thresholds.entropyBins(flat, 16));
        assertEquals(16, Thresholds.entropyBins(new long[16], 4)); // empty: the whole range
    }

    @Test
    void percentileIsTheUpperEdgeOfTheBinReachingTheShare() {
        AbsHistogram h = AbsHistogram.of(new long[] {10, 20, 30, 40}, 4);
        assertEquals(3.0, Thresholds.percentile(h, 50), 0); // 10, 30, 60 >= 50 in bin 2
        assertEquals(1.0, Thresholds.percentile(h, 10), 0);
        assertEquals(4.0, Thresholds.percentile(h, 100), 0);
        assertEquals(4.0, Thresholds.percentile(h, 99.99), 0);
    }

    @Test
    void rangesPerMethodContainZeroAndNeverExceedWhatWasSeen() {
        TensorRange relu = new TensorRange("r", "Relu", 0, 64, 0);
        TensorRange signed = new TensorRange("s", "Conv", -3, 5, 0);
        // |x| histogram of 4 bins over [0, 8): the largest values are rare
        AbsHistogram h = AbsHistogram.of(new long[] {900, 90, 9, 1}, 8);
        assertEquals(new ActivationRange("r", 0, 64), ActivationRange.choose(relu, h, CalibrationMethod.MINMAX, 99, true));
        assertEquals(new ActivationRange("s", -3, 5), ActivationRange.choose(signed, h, CalibrationMethod.MINMAX, 99, true));
        // 99 %: 900 + 90 = 990 of 1000 within bin 1, edge 4
        assertEquals(new ActivationRange("r", 0, 4), ActivationRange.choose(relu, h, CalibrationMethod.PERCENTILE, 99,
                true));
        assertEquals(new ActivationRange("s", -3, 4), ActivationRange.choose(signed, h, CalibrationMethod.PERCENTILE,
                99, true));
        assertEquals(new ActivationRange("m", -2, 0), ActivationRange.choose(new TensorRange("m", "Conv", -2, -1, 0),
                h, CalibrationMethod.MINMAX, 99, true));
    }

    @Test
    void theHistogramDoublesItsTopAndMergesBinsExactly() {
        AbsHistogram h = new AbsHistogram(8);
        h.add(FloatBuffer.wrap(new float[] {0.5f, -1.5f, 3.9f, 4f, Float.NaN}));
        assertEquals(4.0, h.top(), 0);
        assertArrayEquals(new long[] {0, 1, 0, 1, 0, 0, 0, 2}, h.counts()); // 4 itself goes to the last bin
        h.add(FloatBuffer.wrap(new float[] {-13f, 0.2f}));
        // top 4 -> 16 (x4): each run of 4 old bins is one new bin
        assertEquals(16.0, h.top(), 0);
        assertArrayEquals(new long[] {2 + 1, 2, 0, 0, 0, 0, 1, 0}, h.counts()); // 0.2 in bin 0, 13 in bin 6
        assertEquals(6, h.total());
        assertEquals(1, h.nonFinite());
    }
}
