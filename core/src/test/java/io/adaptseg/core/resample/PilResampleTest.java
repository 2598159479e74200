package io.adaptseg.core.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ImageResize#BICUBIC} and {@link ImageResize#PIL_BILINEAR} against PIL's own
 * {@code Image.resize(size, Image.BICUBIC / Image.BILINEAR)} (Pillow 9.4, fixtures written by
 * {@code scripts/fixtures/pil_resize_fixtures.py}): every byte equal, for upscaling, shrinking by less
 * and by more than 2, one axis only, and odd sizes.
 */
class PilResampleTest {
    private static List<JsonNode> cases;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = PilResampleTest.class.getResourceAsStream("pil-resize-fixtures.json")) {
            JsonNode doc = new ObjectMapper().readTree(in);
            cases = new ArrayList<>();
            doc.get("cases").forEach(cases::add);
        }
        assertTrue(cases.size() >= 8, "fixtures missing");
    }

    private static byte[] bytes(JsonNode array) {
        byte[] out = new byte[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) array.get(i).asInt();
        }
        return out;
    }

    private record Difference(String name, int differing, int total) {
    }

    /** How many bytes of {@code resize} applied to each case differ from the fixture's {@code key}. */
    private static List<Difference> differences(ImageResize resize, String key, boolean skipOnePixel) {
        List<Difference> out = new ArrayList<>();
        for (JsonNode c : cases) {
            String name = c.get("name").asText();
            if (skipOnePixel && name.startsWith("to-one-pixel")) {
                continue;
            }
            byte[] expected = bytes(c.get(key));
            byte[] actual = resize.resize(bytes(c.get("input")), c.get("width").asInt(), c.get("height").asInt(),
                    c.get("outWidth").asInt(), c.get("outHeight").asInt());
            assertEquals(expected.length, actual.length, name);
            int differing = 0;
            for (int i = 0; i < expected.length; i++) {
                differing += expected[i] != actual[i] ? 1 : 0;
            }
            out.add(new Difference(name, differing, expected.length));
        }
        return out;
    }

    @Test
    void everyByteEqualsPilBicubic() {
        differences(ImageResize.BICUBIC, "bicubic", false).forEach(d ->
                assertEquals(0, d.differing(), "bytes that differ from PIL bicubic, " + d));
    }

    @Test
    void everyByteEqualsPilBilinear() {
        differences(ImageResize.PIL_BILINEAR, "bilinear", false).forEach(d ->
                assertEquals(0, d.differing(), "bytes that differ from PIL bilinear, " + d));
    }

    @Test
    void theCasesTellTheFiltersApart() {
        // otherwise the tests above could pass for the wrong filter
        for (ImageResize other : List.of(ImageResize.BILINEAR, ImageResize.PIL_BILINEAR)) {
            differences(other, "bicubic", true).forEach(d -> assertTrue(d.differing() > d.total() / 10,
                    other.id() + " is too close to PIL bicubic, " + d));
        }
        differences(ImageResize.BILINEAR, "bilinear", true).stream().filter(d -> d.name().startsWith("down"))
                .forEach(d -> assertTrue(d.differing() > d.total() / 10,
                        "plain bilinear is too close to PIL bilinear when shrinking, " + d));
    }

    @Test
    void theKernelsArePillows() {
        assertEquals(1.0, PilResample.cubic(0), 0);
        assertEquals(0.0, PilResample.cubic(1), 0);
        assertEquals(0.0, PilResample.cubic(2), 0);
        assertEquals(0.5625, PilResample.cubic(0.5), 1e-15); // Keys' cubic, a = -0.5
        assertEquals(-0.0625, PilResample.cubic(-1.5), 1e-15);
        assertEquals(0.25, PilResample.triangle(-0.75), 0);
        assertEquals(0.0, PilResample.triangle(1), 0);
    }

    @Test
    void sameSizeIsTheImageAndBadSizesAreRefused() {
        byte[] rgb = new byte[2 * 3 * 3];
        assertSame(rgb, Resampler.resizeRgbBicubic(rgb, 3, 2, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> Resampler.resizeRgbBicubic(rgb, 4, 2, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> Resampler.resizeRgbPilBilinear(rgb, 3, 2, 0, 2));
        assertArrayEquals(new byte[] {7, 7, 7}, Resampler.resizeRgbBicubic(new byte[] {7, 7, 7, 7, 7, 7}, 2, 1, 1, 1));
    }
}
