package io.adaptseg.train.translator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.adaptseg.train.nd.Scalars;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link AdainOps} and the {@link ConvStack} layers against PyTorch: statistics, AdaIN, the alpha blend,
 * the content and style losses and their gradients, reflection padding, ceil-mode pooling and nearest
 * upsampling, as {@code scripts/fixtures/adain_fixtures.py} computed them in float64 from the
 * definitions. Checked here in float32, as training runs.
 */
class AdainFixtureTest {
    private static JsonNode fx;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = AdainFixtureTest.class.getResourceAsStream("adain-fixtures.json")) {
            fx = new ObjectMapper().readTree(in);
        }
    }

    private static NDArray array(NDManager m, JsonNode t) {
        long[] shape = new long[t.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = t.get("shape").get(i).asLong();
        }
        return m.create(doubles(t.get("values")), new Shape(shape)).toType(DataType.FLOAT32, false);
    }

    private static double[] doubles(JsonNode values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).asDouble();
        }
        return out;
    }

    private static void close(JsonNode expected, NDArray actual, double tol, String what) {
        double[] want = doubles(expected.get("values"));
        float[] have = actual.toFloatArray();
        assertEquals(want.length, have.length, what + ": size");
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], have[i], tol * Math.max(1, Math.abs(want[i])), what + " at " + i);
        }
    }

    @Test
    void statisticsAdainAndBlendMatchPytorch() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray content = array(m, fx.get("content"));
            NDArray style = array(m, fx.get("style").get(3));
            NDArray[] stats = AdainOps.meanStd(content);
            close(fx.get("contentMean"), stats[0], 1e-5, "mean");
            close(fx.get("contentStd"), stats[1], 1e-5, "std");
            close(fx.get("adain"), AdainOps.adain(content, style), 1e-4, "adain");
            close(fx.get("target"), Translator.target(content, style, fx.get("alpha").asDouble()), 1e-4, "blend");
        }
    }

    @Test
    void lossesAndTheirGradientsMatchPytorch() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList output = new NDList();
            NDList style = new NDList();
            for (int i = 0; i < 4; i++) {
                NDArray g = array(m, fx.get("output").get(i));
                g.setRequiresGradient(true);
                output.add(g);
                style.add(array(m, fx.get("style").get(i)));
            }
            NDArray target = array(m, fx.get("target"));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray lc = AdainOps.contentLoss(output.get(3), target);
                NDArray ls = AdainOps.styleLoss(output, style);
                assertEquals(fx.get("contentLoss").asDouble(), lc.getFloat(), 1e-5 * fx.get("contentLoss").asDouble());
                assertEquals(fx.get("styleLoss").asDouble(), ls.getFloat(), 1e-5 * fx.get("styleLoss").asDouble());
                gc.backward(Scalars.times(lc, fx.get("contentWeight").asDouble())
                        .add(Scalars.times(ls, fx.get("styleWeight").asDouble())));
            }
            for (int i = 0; i < 4; i++) {
                close(fx.get("gradients").get(i), output.get(i).getGradient(), 1e-4, "gradient of layer " + i);
            }
        }
    }

    @Test
    void paddingPoolingAndUpsamplingMatchPytorch() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = array(m, fx.get("x"));
            close(fx.get("reflectionPad"), ConvStack.reflectionPad(x), 1e-6, "reflection pad");
            close(fx.get("maxPoolCeil"), x.getNDArrayInternal().maxPool(new Shape(2, 2), new Shape(2, 2),
                    new Shape(0, 0), true), 1e-6, "max pool");
            close(fx.get("nearest2"), x.repeat(2, 2).repeat(3, 2), 1e-6, "nearest x2");
        }
    }

    @Test
    void meanAndStdMatchAHandComputation() {
        // one sample, two channels of 2x2: channel 0 = 1, 2, 3, 4; channel 1 = constant 5
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray f = m.create(new float[] {1, 2, 3, 4, 5, 5, 5, 5}, new Shape(1, 2, 2, 2));
            NDArray[] s = AdainOps.meanStd(f);
            // unbiased variance of 1..4: (2.25 + 0.25 + 0.25 + 2.25) / 3 = 5/3
            assertArrayEquals(new float[] {2.5f, 5f}, s[0].toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {(float) Math.sqrt(5.0 / 3 + 1e-5), (float) Math.sqrt(1e-5)},
                    s[1].toFloatArray(), 1e-6f);
            // content channel 0 normalised to the style's statistics: mean 10, std 2 (style 8, 12 twice)
            NDArray style = m.create(new float[] {8, 12, 8, 12, 0, 0, 0, 0}, new Shape(1, 2, 2, 2));
            float[] a = AdainOps.adain(f, style).toFloatArray();
            double cs = Math.sqrt(5.0 / 3 + 1e-5);
            double ss = Math.sqrt(16.0 / 3 + 1e-5);
            for (int i = 0; i < 4; i++) {
                assertEquals((i + 1 - 2.5) / cs * ss + 10, a[i], 1e-4, "channel 0 pixel " + i);
            }
            // a constant content channel stays at the style's mean (0 / std = 0)
            for (int i = 4; i < 8; i++) {
                assertEquals(0.0, a[i], 1e-4, "channel 1 pixel " + i);
            }
            // alpha 0 gives the content back; alpha 0.25 is a weighted mean, not a sum
            NDArray t = AdainOps.adain(f, style);
            assertArrayEquals(f.toFloatArray(), AdainOps.blend(t, f, 0.0).toFloatArray(), 1e-6f);
            float[] quarter = AdainOps.blend(t, f, 0.25).toFloatArray();
            float[] fv = f.toFloatArray();
            for (int i = 0; i < 8; i++) {
                assertEquals(0.25 * a[i] + 0.75 * fv[i], quarter[i], 1e-4);
            }
            assertTrue(s[1].toFloatArray()[1] > 0, "eps keeps a constant channel's std positive");
        }
    }
}
