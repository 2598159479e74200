package io.adaptseg.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Mean, sample standard deviation and the paired difference, against hand computations. */
class SeedSummaryTest {
    @Test
    void meanAndSampleStandardDeviation() {
        // 12, 14, 16: mean 14, squared deviations 4 + 0 + 4 over n - 1 = 2 -> sd 2
        SeedSummary s = SeedSummary.of(List.of(12.0, 14.0, 16.0));
        assertEquals(3, s.n());
        assertEquals(14.0, s.mean(), 1e-12);
        assertEquals(2.0, s.sd(), 1e-12);
        assertEquals("14.00 ± 2.00", s.asLevel());
    }

    @Test
    void thePairedDifferenceCancelsWhatTheSeedsShare() {
        // the arms' own spreads are large (sd 3), their per-seed differences constant (+1): sd 0
        SeedSummary d = SeedSummary.paired(List.of(10.0, 13.0, 16.0), List.of(11.0, 14.0, 17.0));
        assertEquals(1.0, d.mean(), 1e-12);
        assertEquals(0.0, d.sd(), 1e-12);
        assertEquals("+1.00 ± 0.00", d.asChange());
        SeedSummary mixed = SeedSummary.paired(List.of(10.0, 12.0), List.of(9.0, 14.0)); // -1, +2
        assertEquals(0.5, mixed.mean(), 1e-12);
        assertEquals(Math.sqrt(4.5), mixed.sd(), 1e-12);
    }

    @Test
    void oneSeedHasNoSpreadAndMismatchedArmsAreRefused() {
        SeedSummary one = SeedSummary.of(List.of(13.95));
        assertTrue(Double.isNaN(one.sd()));
        assertEquals("-0.50", SeedSummary.paired(List.of(1.0), List.of(0.5)).asChange());
        assertThrows(IllegalArgumentException.class, () -> SeedSummary.paired(List.of(1.0), List.of(1.0, 2.0)));
        assertThrows(IllegalArgumentException.class, () -> SeedSummary.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new SeedSummary(2, 1.0, Double.NaN));
    }
}
