package io.adaptseg.export.translator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.adaptseg.export.onnx.OnnxModels;
import io.adaptseg.runtime.backend.OrtProcess;
import io.adaptseg.train.model.ParameterNames;
import io.adaptseg.train.translator.Translator;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The exported translator in ONNX Runtime against the DJL forward: same weights, content and style
 * images of sizes that are not multiples of 8 (ceil-mode pools, reflection padding at odd sizes), two
 * strengths; the outputs agree to within float32 rounding, and alpha changes them (it is an input).
 */
class TranslatorExportTest {
    private static float[] image(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextFloat();
        }
        return v;
    }

    @Test
    void onnxRuntimeMatchesTheDjlForward() throws Exception {
        Random r = new Random(3);
        float[] content = image(r, 3 * 20 * 28);
        float[] style = image(r, 3 * 18 * 14);
        try (NDManager m = NDManager.newBaseManager()) {
            Translator t = Translator.create(m);
            // mid-grey output, so the comparison is not of values clamped to 0
            ParameterNames.of(t.decoder()).get("28.bias").getArray().set(new float[] {0.5f, 0.4f, 0.6f});
            ModelProto model = TranslatorExporter.export(t, Map.of());
            assertEquals(TranslatorExporter.KIND, OnnxModels.metadata(model).get(TranslatorExporter.KIND_KEY));
            float[] previous = null;
            for (float alpha : new float[] {1.0f, 0.3f}) {
                NDArray djl = t.stylize(new ParameterStore(m, false), m.create(content, new Shape(1, 3, 20, 28)),
                        m.create(style, new Shape(1, 3, 18, 14)), alpha).mul(255f).clip(0f, 255f);
                assertArrayEquals(new long[] {1, 3, 24, 32}, djl.getShape().getShape());
                float[] want = djl.toFloatArray();
                float[] have = run(model, content, style, alpha);
                double max = 0;
                double spread = 0;
                for (int i = 0; i < want.length; i++) {
                    max = Math.max(max, Math.abs(want[i] - have[i]));
                    spread = Math.max(spread, Math.abs(want[i] - want[0]));
                }
                assertTrue(max < 1e-2, "alpha " + alpha + ": ONNX Runtime differs from DJL by " + max + " (of 255)");
                assertTrue(spread > 1, "the output varies, so the comparison means something: " + spread);
                if (previous != null) {
                    double d = 0;
                    for (int i = 0; i < have.length; i++) {
                        d = Math.max(d, Math.abs(previous[i] - have[i]));
                    }
                    assertTrue(d > 1e-3, "alpha is an input that changes the output");
                }
                previous = have;
            }
        }
    }

    private static float[] run(ModelProto model, float[] content, float[] style, float alpha) throws Exception {
        var env = OrtProcess.environment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = env.createSession(model.toByteArray(), options);
                OnnxTensor c = OnnxTensor.createTensor(env, FloatBuffer.wrap(content), new long[] {1, 3, 20, 28});
                OnnxTensor s = OnnxTensor.createTensor(env, FloatBuffer.wrap(style), new long[] {1, 3, 18, 14});
                OnnxTensor a = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {alpha}), new long[] {1});
                OrtSession.Result result = session.run(Map.of(TranslatorExporter.CONTENT, c, TranslatorExporter.STYLE, s,
                        TranslatorExporter.ALPHA, a))) {
            OnnxTensor out = (OnnxTensor) result.get(TranslatorExporter.OUTPUT).orElseThrow();
            assertArrayEquals(new long[] {1, 3, 24, 32}, out.getInfo().getShape());
            FloatBuffer b = out.getFloatBuffer();
            float[] v = new float[b.remaining()];
            b.get(v);
            return v;
        }
    }
}
