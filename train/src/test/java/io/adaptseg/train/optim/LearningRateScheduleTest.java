package io.adaptseg.train.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
    @Test
    void polyStartsAtBaseAndDecays() {
        var s = LearningRateSchedule.poly(2.5e-4, 250_000, 0.9);
        assertEquals(2.5e-4, s.at(0), 0);
        // (1 - 125000/250000)^0.9 = 0.5^0.9 = 0.535886731
        assertEquals(2.5e-4 * 0.5358867312681466, s.at(125_000), 1e-15);
        assertEquals(2.5e-4 * Math.pow(1 - 11925 / 250000.0, 0.9), s.at(11925), 1e-15);
        assertEquals(0.0, s.at(250_000), 0);
    }

    @Test
    void warmupIsLinearFromZeroThenPoly() {
        var s = new LearningRateSchedule(1e-3, 100, 0.9, 10);
        assertEquals(0.0, s.at(0), 0);
        assertEquals(5e-4, s.at(5), 1e-18);
        assertEquals(1e-3 * Math.pow(0.9, 0.9), s.at(10), 1e-15);
    }

    @Test
    void badValuesNameTheField() {
        var e = assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.poly(1e-3, 0, 0.9));
        assertEquals("maxIterations must be positive, found 0", e.getMessage());
    }
}
