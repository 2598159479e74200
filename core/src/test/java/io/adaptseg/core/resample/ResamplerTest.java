package io.adaptseg.core.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * {@link Resampler} against PyTorch's {@code F.interpolate(mode="bilinear")} with both conventions
 * (fixtures written by {@code scripts/fixtures/interpolate_fixtures.py}), and its argmax, accumulation
 * and flips against their definitions.
 */
class ResamplerTest {
    private static List<JsonNode> cases;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ResamplerTest.class.getResourceAsStream("interpolate-fixtures.json")) {
            JsonNode doc = new ObjectMapper().readTree(in);
            cases = new ArrayList<>();
            doc.get("cases").forEach(cases::add);
        }
        assertTrue(cases.size() >= 5, "fixtures missing");
    }

    @Test
    void logitsMatchPytorchHalfPixel() {
        checkFloats("halfPixel", Convention.HALF_PIXEL);
    }

    @Test
    void logitsMatchPytorchAlignCorners() {
        checkFloats("alignCorners", Convention.ALIGN_CORNERS);
    }

    @Test
    void rgbImagesMatchPytorchToTheNearestByte() {
        for (Convention convention : Convention.values()) {
            String key = convention == Convention.HALF_PIXEL ? "halfPixel" : "alignCorners";
            for (JsonNode c : cases) {
                if (!c.get("integer").asBoolean()) {
                    continue;
                }
                int h = c.get("height").asInt();
                int w = c.get("width").asInt();
                int oh = c.get("outHeight").asInt();
                int ow = c.get("outWidth").asInt();
                float[] planar = floats(c.get("input"));
                byte[] rgb = new byte[h * w * 3];
                for (int ch = 0; ch < 3; ch++) {
                    for (int p = 0; p < h * w; p++) {
                        rgb[p * 3 + ch] = (byte) planar[ch * h * w + p];
                    }
                }
                byte[] out = Resampler.resizeRgb(rgb, w, h, ow, oh, convention);
                float[] expected = floats(c.get(key));
                for (int ch = 0; ch < 3; ch++) {
                    for (int p = 0; p < oh * ow; p++) {
                        double want = Math.round(expected[ch * oh * ow + p]);
                        assertEquals(want, out[p * 3 + ch] & 0xFF, 1.0, c.get("name").asText() + " " + key);
                    }
                }
            }
        }
    }

    @Test
    void argmaxOfTheResizedMapsIsResizeArgmax() {
        for (JsonNode c : cases) {
            int ch = c.get("channels").asInt();
            int h = c.get("height").asInt();
            int w = c.get("width").asInt();
            int oh = c.get("outHeight").asInt();
            int ow = c.get("outWidth").asInt();
            float[] in = floats(c.get("input"));
            for (Convention convention : Convention.values()) {
                float[] up = Resampler.resize(in, 0, ch, h, w, oh, ow, convention);
                int[] expected = new int[oh * ow];
                for (int p = 0; p < oh * ow; p++) {
                    for (int k = 1; k < ch; k++) {
                        if (up[k * oh * ow + p] > up[expected[p] * oh * ow + p]) {
                            expected[p] = k;
                        }
                    }
                }
                assertArrayEquals(expected, Resampler.resizeArgmax(in, 0, ch, h, w, oh, ow, convention));
            }
        }
    }

    @Test
    void argmaxTiesGoToTheLowerClassAndOffsetsSelectTheImage() {
        float[] two = {9, 1, 9, 2, /* second image */ 0, 5, 5, 0}; // [C=2][H=1][W=2] each
        assertArrayEquals(new int[] {0, 1}, Resampler.argmax(two, 0, 2, 1, 2));
        assertArrayEquals(new int[] {1, 0}, Resampler.argmax(two, 4, 2, 1, 2));
    }

    @Test
    void accumulatingTilesEqualsResizingTheWhole() {
        float[] logits = {0, 1, 2, 3, 4, 5, 6, 7};
        float[] sum = new float[2 * 3 * 8];
        Resampler.accumulate(logits, 0, 2, 2, 2, 3, 4, Convention.HALF_PIXEL, sum, 3, 8, 0, 0);
        Resampler.accumulate(logits, 0, 2, 2, 2, 3, 4, Convention.HALF_PIXEL, sum, 3, 8, 0, 4);
        float[] whole = Resampler.resize(logits, 0, 2, 2, 2, 3, 4, Convention.HALF_PIXEL);
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 8; x++) {
                    assertEquals(whole[(c * 3 + y) * 4 + x % 4], sum[(c * 3 + y) * 8 + x]);
                }
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Resampler.accumulate(logits, 0, 2, 2, 2, 3, 4, Convention.HALF_PIXEL, sum, 3, 8, 0, 5));
        assertTrue(e.getMessage().contains("does not lie inside 8x3"), e.getMessage());
    }

    @Test
    void flipsMirrorRowsAndTwiceIsIdentity() {
        byte[] rgb = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        assertArrayEquals(new byte[] {4, 5, 6, 1, 2, 3, 10, 11, 12, 7, 8, 9}, Resampler.flipInterleaved(rgb, 2, 2, 3));
        assertArrayEquals(new int[] {3, 2, 1, 6, 5, 4}, Resampler.flip(new int[] {1, 2, 3, 4, 5, 6}, 3, 2));
        float[] planes = {1, 2, 3, 4};
        float[] out = new float[4];
        Resampler.flipInto(planes, 0, 2, 1, 2, out, 0);
        assertArrayEquals(new float[] {2, 1, 4, 3}, out);
    }

    @Test
    void conventionsAreKnownByTheirOnnxNames() {
        assertEquals(Convention.ALIGN_CORNERS, Convention.byOnnxName("align_corners").orElseThrow());
        assertEquals(Convention.HALF_PIXEL, Convention.byOnnxName("HALF_PIXEL").orElseThrow());
        assertFalse(Convention.byOnnxName("asymmetric").isPresent());
    }

    @Test
    void wrongSizesAreRefusedWithTheSizesInTheMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Resampler.resizeRgb(new byte[10], 2, 2, 4, 4, Convention.HALF_PIXEL));
        assertTrue(e.getMessage().contains("2x2 needs 12 values, found 10"), e.getMessage());
    }

    private static void checkFloats(String key, Convention convention) {
        for (JsonNode c : cases) {
            int ch = c.get("channels").asInt();
            float[] out = Resampler.resize(floats(c.get("input")), 0, ch, c.get("height").asInt(),
                    c.get("width").asInt(), c.get("outHeight").asInt(), c.get("outWidth").asInt(), convention);
            float[] expected = floats(c.get(key));
            assertEquals(expected.length, out.length, c.get("name").asText());
            for (int i = 0; i < out.length; i++) {
                double tolerance = 2e-6 * Math.max(1, Math.abs(expected[i]));
                assertEquals(expected[i], out[i], tolerance, c.get("name").asText() + " " + key + " at " + i);
            }
        }
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }
}
