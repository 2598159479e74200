package io.adaptseg.export.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.adaptseg.core.resample.Convention;
import io.adaptseg.runtime.backend.OrtProcess;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A small hand-built segmentation graph (Conv-BN-Relu-Conv + label head) and a way to run it. */
final class ToyGraphs {
    static final int CLASSES = 5;

    private ToyGraphs() {
    }

    /** conv 3x3 (3→8, stride 2, pad 1) → BN → Relu → conv 1x1 (8→5) → logits at stride 2. */
    static GraphBuilder builder(long seed) {
        return builder(seed, Convention.HALF_PIXEL);
    }

    /** The same network with its logits upsampled in {@code upsampling}. */
    static GraphBuilder builder(long seed, Convention upsampling) {
        Random r = new Random(seed);
        GraphBuilder g = new GraphBuilder();
        String image = SegmentationOutputs.declareImage(g);
        String w1 = g.float32("conv1_weight", gaussian(r, 8 * 3 * 3 * 3, 0.3f), 8, 3, 3, 3);
        String b1 = g.float32("conv1_bias", gaussian(r, 8, 0.1f), 8);
        String x = g.node("Conv", "conv1", List.of(image, w1, b1), Attributes.ints("kernel_shape", 3, 3),
                Attributes.ints("strides", 2, 2), Attributes.ints("pads", 1, 1, 1, 1));
        float[] var = gaussian(r, 8, 0.3f);
        for (int i = 0; i < var.length; i++) {
            var[i] = 0.5f + Math.abs(var[i]);
        }
        x = g.node("BatchNormalization", "bn1", List.of(x, g.float32("bn1_gamma", gaussian(r, 8, 1f), 8),
                g.float32("bn1_beta", gaussian(r, 8, 0.2f), 8), g.float32("bn1_mean", gaussian(r, 8, 0.2f), 8),
                g.float32("bn1_var", var, 8)), Attributes.floating("epsilon", 1e-5f));
        x = g.node("Relu", "relu1", List.of(x));
        String w2 = g.float32("classifier_weight", gaussian(r, CLASSES * 8, 0.5f), CLASSES, 8, 1, 1);
        x = g.node("Conv", "classifier", List.of(x, w2), Attributes.ints("kernel_shape", 1, 1));
        SegmentationOutputs.append(g, image, x, CLASSES, upsampling);
        return g;
    }

    static ModelProto model(GraphProto graph) {
        return OnnxModels.model(graph, OnnxModels.DEFAULT_OPSET, Map.of("adaptseg.format_version", "1"), "test");
    }

    static ModelProto model() {
        return model(builder(1).build("toy"));
    }

    static float[] gaussian(Random r, int n, float scale) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) r.nextGaussian() * scale;
        }
        return out;
    }

    /** Runs the model on one input and returns (logits as float[], labels as byte[]) plus their shapes. */
    static Outputs run(ModelProto model, float[] input, long... shape) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = OrtProcess.environment().createSession(model.toByteArray(), options);
             OnnxTensor in = OnnxTensor.createTensor(OrtProcess.environment(), FloatBuffer.wrap(input), shape);
             OrtSession.Result result = session.run(Map.of("image", in))) {
            OnnxTensor logits = (OnnxTensor) result.get("logits").orElseThrow();
            OnnxTensor labels = (OnnxTensor) result.get("labels").orElseThrow();
            FloatBuffer lb = logits.getFloatBuffer();
            float[] l = new float[lb.remaining()];
            lb.get(l);
            byte[] lab = new byte[labels.getByteBuffer().remaining()];
            labels.getByteBuffer().get(lab);
            return new Outputs(l, logits.getInfo().getShape(), lab, labels.getInfo().getShape());
        }
    }

    record Outputs(float[] logits, long[] logitsShape, byte[] labels, long[] labelsShape) {
    }
}
