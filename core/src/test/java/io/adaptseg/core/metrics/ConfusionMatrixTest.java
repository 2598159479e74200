package io.adaptseg.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    private static final int I = ConfusionMatrix.IGNORE;

    @Test
    void handComputedThreeClassesWithAnAbsentClass() {
        // 3 classes; class 2 appears in neither gt nor pred -> NaN IoU, excluded from the mean.
        ConfusionMatrix m = new ConfusionMatrix(3);
        m.add(new int[] {0, 0, 0, 1, 1, I, 0},
              new int[] {0, 0, 1, 1, 0, 1, I});
        // rows: gt0 -> pred0 x2, pred1 x1, missed x1 ; gt1 -> pred1 x1, pred0 x1 ; ignored pixel dropped
        assertEquals(2, m.count(0, 0));
        assertEquals(1, m.count(0, 1));
        assertEquals(1, m.missed(0));
        assertEquals(1, m.count(1, 0));
        assertEquals(1, m.count(1, 1));
        assertEquals(6, m.total());
        SegmentationMetrics s = SegmentationMetrics.of(m);
        // IoU0 = 2 / (4 + 3 - 2) = 0.4 ; IoU1 = 1 / (2 + 2 - 1) = 1/3 ; IoU2 = NaN
        assertEquals(0.4, s.iou()[0], 1e-12);
        assertEquals(1.0 / 3, s.iou()[1], 1e-12);
        assertTrue(Double.isNaN(s.iou()[2]));
        assertEquals((0.4 + 1.0 / 3) / 2, s.meanIou(), 1e-12);
        // FWIoU = 4/6 * 0.4 + 2/6 * 1/3
        assertEquals(4.0 / 6 * 0.4 + 2.0 / 6 / 3, s.frequencyWeightedIou(), 1e-12);
        assertEquals(3.0 / 6, s.pixelAccuracy(), 1e-12);
        // class accuracy: 2/4, 1/2, NaN -> mean 0.5
        assertEquals(0.5, s.meanClassAccuracy(), 1e-12);
    }

    @Test
    void classPredictedButAbsentFromGroundTruthHasZeroIouAndNoAccuracy() {
        ConfusionMatrix m = new ConfusionMatrix(2);
        m.add(new int[] {0, 0, 0, 0}, new int[] {0, 0, 0, 1});
        SegmentationMetrics s = SegmentationMetrics.of(m);
        assertEquals(0.75, s.iou()[0], 1e-12);
        assertEquals(0.0, s.iou()[1], 1e-12);
        assertEquals(0.375, s.meanIou(), 1e-12);
        assertTrue(Double.isNaN(s.classAccuracy()[1]));
        assertEquals(0.75, s.meanClassAccuracy(), 1e-12);
        assertEquals(0.75, s.frequencyWeightedIou(), 1e-12);
    }

    @Test
    void subsetMetricsUseTheFullRowsAndColumns() {
        ConfusionMatrix m = new ConfusionMatrix(3);
        // a gt-2 pixel predicted 0 is a false positive of class 0 even when class 2 is not reported
        m.add(new int[] {0, 0, 2, 1}, new int[] {0, 0, 0, 1});
        SegmentationMetrics s = SegmentationMetrics.of(m, new int[] {0, 1});
        assertEquals(2.0 / 3, s.iou()[0], 1e-12);
        assertEquals(1.0, s.iou()[1], 1e-12);
        assertEquals(1.0, s.pixelAccuracy(), 1e-12);
    }

    @Test
    void mergeAddsCountsAndEmptyMatrixHasNanMetrics() {
        ConfusionMatrix a = new ConfusionMatrix(2);
        ConfusionMatrix b = new ConfusionMatrix(2);
        assertTrue(Double.isNaN(SegmentationMetrics.of(a).meanIou()));
        a.add(new int[] {0, 1}, new int[] {0, 0});
        b.add(new int[] {1, 1}, new int[] {1, I});
        ConfusionMatrix both = new ConfusionMatrix(2);
        both.add(new int[] {0, 1, 1, 1}, new int[] {0, 0, 1, I});
        a.merge(b);
        assertEquals(both, a);
        assertArrayEquals(new long[][] {{1, 0}, {1, 1}}, a.toArray());
        assertThrows(IllegalArgumentException.class, () -> a.merge(new ConfusionMatrix(3)));
    }

    @Test
    void invalidValueNamesThePixelAndLeavesTheMatrixUnchanged() {
        ConfusionMatrix m = new ConfusionMatrix(2);
        m.add(new int[] {0}, new int[] {0});
        ConfusionMatrix before = m.copy();
        InvalidLabelException e = assertThrows(InvalidLabelException.class,
                () -> m.add(new int[] {0, 1, 1, 7}, new int[] {0, 1, 1, 0}));
        assertTrue(e.inGroundTruth());
        assertEquals(3, e.pixel());
        assertEquals(7, e.value());
        InvalidLabelException p = assertThrows(InvalidLabelException.class,
                () -> m.add(new int[] {I, 0}, new int[] {2, 0}));
        assertEquals(false, p.inGroundTruth());
        assertEquals(0, p.pixel());
        assertEquals(before, m);
        assertThrows(IllegalArgumentException.class, () -> m.add(new int[2], new int[3]));
    }
}
