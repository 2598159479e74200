package io.adaptseg.train.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The divergence rule on generated loss sequences. */
class DivergenceWatchTest {
    private static final DivergencePolicy POLICY = new DivergencePolicy(20, 100, false);

    /** Feeds {@code values[i]} as loss "loss_seg" of iteration i; returns the first iteration reported, or -1. */
    private static long firstReport(DivergenceWatch watch, double... values) {
        long first = -1;
        for (int i = 0; i < values.length; i++) {
            Map<String, Double> losses = new LinkedHashMap<>();
            losses.put("loss_D", 0.69);
            losses.put("loss_seg", values[i]);
            Optional<String> r = watch.add(i, losses);
            if (r.isPresent()) {
                assertEquals(-1, first, "reported twice: " + r.get());
                assertTrue(r.get().startsWith("loss loss_seg diverged at iteration " + i + ":"), r.get());
                first = i;
            }
        }
        return first;
    }

    @Test
    void exponentialGrowthIsReportedOnceAndEarly() {
        double[] v = new double[40];
        for (int i = 0; i < v.length; i++) {
            v[i] = 3 * Math.pow(2, i); // lr 1e3: the loss doubles every iteration, 1e8 after ~25
        }
        // the mean of the last 5 (18.6 x 2^(i-4)) first reaches 100 x the first loss (3) at iteration 9
        assertEquals(9, firstReport(new DivergenceWatch(POLICY), v));
        // lr 1e3 on the tiny network: 3.2, then 5e4 at the second iteration
        assertEquals(1, firstReport(new DivergenceWatch(POLICY), 3.19, 51481, 360732, 910153));
    }

    @Test
    void noisyDecreasingZeroAndNearZeroLossesAreNotReported() {
        SplittableRandom r = new SplittableRandom(5);
        double[] noisy = new double[300];
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] = (3.0 / (1 + i / 30.0)) * (0.3 + 1.4 * r.nextDouble()) + (i % 50 == 0 ? 20 : 0);
        }
        assertEquals(-1, firstReport(new DivergenceWatch(POLICY), noisy));
        double[] nearZero = new double[60];
        for (int i = 0; i < nearZero.length; i++) {
            nearZero[i] = i < 30 ? 1e-6 : 5; // overfitted, then ordinary batches: under the floor's 100 x 0.1
        }
        assertEquals(-1, firstReport(new DivergenceWatch(POLICY), nearZero));
        double[] zeroFirst = new double[40];
        for (int i = 0; i < zeroFirst.length; i++) {
            zeroFirst[i] = i < 10 ? 0 : 50; // nothing to score at first (CAG before any confident pixel)
        }
        assertEquals(-1, firstReport(new DivergenceWatch(POLICY), zeroFirst));
    }

    @Test
    void negativeLossesCountByMagnitudeAndOldMinimaLeaveTheWindow() {
        double[] negative = new double[30];
        for (int i = 0; i < negative.length; i++) {
            negative[i] = i < 15 ? -0.05 : -50; // MaxSquare-like losses are negative
        }
        // the first mean of 5 that holds a -50 is 10.04, over 100 x the floor 0.1 (the loss was 0.05)
        assertEquals(15, firstReport(new DivergenceWatch(POLICY), negative));
        // a slow rise by 1000x over 200 iterations never reaches 100x within any 20-iteration window
        double[] slow = new double[200];
        for (int i = 0; i < slow.length; i++) {
            slow[i] = 0.05 * Math.pow(1000, i / 199.0);
        }
        assertEquals(-1, firstReport(new DivergenceWatch(POLICY), slow));
        // over a window as long as the run it is, once the mean passes 100 x the floor (about iteration 155)
        long at = firstReport(new DivergenceWatch(new DivergencePolicy(200, 100, false)), slow);
        assertTrue(at > 145 && at < 165, "reported at " + at);
    }
}
