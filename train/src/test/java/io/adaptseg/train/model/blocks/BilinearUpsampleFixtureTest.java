package io.adaptseg.train.model.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.adaptseg.core.resample.Convention;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link BilinearUpsample#resize} forward and backward against PyTorch's
 * {@code F.interpolate(mode="bilinear")} with {@code align_corners=True} and {@code False}: outputs and
 * the input gradient of {@code sum(y · g)} written by {@code scripts/fixtures/upsample_fixtures.py}.
 * Computed here in float64 so the comparison is tight, and in float32 as training runs.
 */
class BilinearUpsampleFixtureTest {
    private static List<JsonNode> cases;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = BilinearUpsampleFixtureTest.class.getResourceAsStream("upsample-fixtures.json")) {
            JsonNode doc = new ObjectMapper().readTree(in);
            cases = new ArrayList<>();
            doc.get("cases").forEach(cases::add);
        }
        assertTrue(cases.size() >= 4, "fixtures missing");
    }

    @Test
    void alignCornersMatchesPytorchForwardAndBackward() {
        check(Convention.ALIGN_CORNERS, "alignCorners", DataType.FLOAT64, 1e-12);
        check(Convention.ALIGN_CORNERS, "alignCorners", DataType.FLOAT32, 2e-5);
    }

    @Test
    void halfPixelMatchesPytorchForwardAndBackward() {
        check(Convention.HALF_PIXEL, "halfPixel", DataType.FLOAT32, 2e-5);
    }

    @Test
    void theTwoConventionsDisagreeOnTheseCases() {
        // otherwise the tests above could not tell the conventions apart
        for (JsonNode c : cases) {
            if (c.get("outHeight").asInt() > 1) {
                double[] a = doubles(c.get("alignCorners").get("output"));
                double[] h = doubles(c.get("halfPixel").get("output"));
                double max = 0;
                for (int i = 0; i < a.length; i++) {
                    max = Math.max(max, Math.abs(a[i] - h[i]));
                }
                assertTrue(max > 0.05, c.get("name").asText() + ": conventions differ by only " + max);
            }
        }
    }

    private static void check(Convention convention, String key, DataType type, double tolerance) {
        for (JsonNode c : cases) {
            String name = c.get("name").asText() + " " + key + " " + type;
            long[] dims = new long[4];
            for (int i = 0; i < 4; i++) {
                dims[i] = c.get("shape").get(i).asLong();
            }
            long oh = c.get("outHeight").asLong();
            long ow = c.get("outWidth").asLong();
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray x = m.create(doubles(c.get("input")), new Shape(dims)).toType(type, false);
                NDArray g = m.create(doubles(c.get("upstream")), new Shape(dims[0], dims[1], oh, ow)).toType(type, false);
                x.setRequiresGradient(true);
                NDArray y;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    y = BilinearUpsample.resize(x, oh, ow, convention);
                    gc.backward(y.mul(g).sum());
                }
                assertEquals(new Shape(dims[0], dims[1], oh, ow), y.getShape(), name);
                assertClose(doubles(c.get(key).get("output")), y.toType(DataType.FLOAT64, false).toDoubleArray(),
                        tolerance, name + " output");
                assertClose(doubles(c.get(key).get("gradient")),
                        x.getGradient().toType(DataType.FLOAT64, false).toDoubleArray(), tolerance * 10, name + " gradient");
            }
        }
    }

    private static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(1, Math.abs(expected[i]));
            if (Math.abs(expected[i] - actual[i]) > tolerance * scale) {
                throw new AssertionError(what + " differs at " + i + ": PyTorch " + expected[i] + ", ours " + actual[i]);
            }
        }
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
