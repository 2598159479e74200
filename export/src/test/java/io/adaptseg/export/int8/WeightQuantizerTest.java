package io.adaptseg.export.int8;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adaptseg.export.calibration.ActivationRange;
import org.junit.jupiter.api.Test;

/** Quantisation arithmetic against hand computations (scales chosen as powers of two so that they are exact). */
class WeightQuantizerTest {
    @Test
    void weightsGetOneSymmetricScalePerOutputChannelAndRoundHalfToEven() {
        // channel 0: max |w| = 7.9375 = 127 / 16, so scale 1/16; channel 1: max 127 -> scale 1; channel 2: zeros
        float[] w = {0.15625f, 0.21875f, -7.9375f, 3.0f, -0.03125f, 0.09375f,
            127f, -63.5f, 0.5f, 1.5f, -2.5f, 0.49f,
            0, 0, 0, 0, 0, 0};
        WeightQuantizer.PerChannel q = WeightQuantizer.weights(w, 3);
        assertArrayEquals(new float[] {0.0625f, 1f, 1f}, q.scales());
        // 2.5 -> 2 and 3.5 -> 4 (half to even), -0.5 -> -0, 1.5 -> 2; -63.5 -> -64, 0.5 -> 0, -2.5 -> -2
        assertArrayEquals(new byte[] {2, 4, -127, 48, 0, 2, 127, -64, 0, 2, -2, 0, 0, 0, 0, 0, 0, 0}, q.q());
    }

    @Test
    void biasIsInt32OnTheProductOfInputAndWeightScales() {
        float[] scales = WeightQuantizer.biasScales(0.5f, new float[] {0.0625f, 1f});
        assertArrayEquals(new float[] {0.03125f, 0.5f}, scales);
        // 1.0 / 0.03125 = 32; -0.75 / 0.5 = -1.5 -> -2 (half to even); a huge bias saturates at int32's limit
        assertArrayEquals(new int[] {32, -2}, WeightQuantizer.bias(new float[] {1.0f, -0.75f}, scales));
        assertArrayEquals(new int[] {Integer.MAX_VALUE}, WeightQuantizer.bias(new float[] {1e30f}, new float[] {1e-10f}));
    }

    @Test
    void activationParametersCoverTheRangeAndSaturate() {
        QuantParams u = QuantParams.forRange(new ActivationRange("x", -1, 3), true);
        assertEquals(4f / 255, u.scale());
        assertEquals(64, u.zeroPoint()); // round(1 / (4/255)) = round(63.75)
        assertEquals(255, u.quantize(10f));
        assertEquals(0, u.quantize(-10f));
        assertEquals(64, u.quantize(0f));
        QuantParams relu = QuantParams.forRange(new ActivationRange("r", 0, 2.55), true);
        assertEquals(0, relu.zeroPoint());
        assertEquals(0, relu.quantize(-1f)); // clips like the Relu it replaces
        QuantParams s = QuantParams.forRange(new ActivationRange("x", -1, 3), false);
        assertEquals(3f / 127, s.scale());
        assertEquals(0, s.zeroPoint());
        assertEquals(-128, s.quantize(-10f));
        assertEquals(127, s.quantize(10f));
        assertEquals(-42, s.quantize(-1f)); // -1 / (3/127) = -42.33
        assertEquals(new QuantParams(1, 0, true), QuantParams.forRange(new ActivationRange("z", 0, 0), true));
    }
}
