package io.adaptseg.train.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The curves picture: a run without validation says so instead of an empty "no data yet" panel. */
class CurvesChartTest {
    @Test
    void theValidationPanelOfARunWithoutValidationSaysValidationOff(@TempDir Path dir) throws Exception {
        assertTrue(CurvesChart.emptyValidation(false).startsWith("validation off"), CurvesChart.emptyValidation(false));
        assertEquals("no data yet", CurvesChart.emptyValidation(true));
        List<double[]> losses = List.of(new double[] {1, 2.0}, new double[] {2, 1.5}, new double[] {3, 1.2});
        Path off = dir.resolve("off.png");
        Path pending = dir.resolve("pending.png");
        CurvesChart.write(off, List.of("loss_seg"), losses, List.of(), false);
        CurvesChart.write(pending, List.of("loss_seg"), losses, List.of(), true);
        RgbImage a = PngCodec.readRgb(off);
        RgbImage b = PngCodec.readRgb(pending);
        assertEquals(a.width(), b.width());
        // the loss panels are drawn alike; only the validation panel's words differ
        assertNotEquals(Arrays.hashCode(a.rgb()), Arrays.hashCode(b.rgb()));
    }
}
