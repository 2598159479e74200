package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.core.model.TensorNames;
import io.adaptseg.core.resample.Convention;
import io.adaptseg.core.resample.Resampler;
import io.adaptseg.runtime.SegmentationSession;
import io.adaptseg.runtime.backend.BackendKind;
import io.adaptseg.runtime.backend.BackendOptions;
import io.adaptseg.runtime.backend.Tensor;
import io.adaptseg.runtime.predict.PredictOptions;
import io.adaptseg.runtime.predict.Predictor;
import io.adaptseg.train.model.Family;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.model.SegmenterOptions;
import io.adaptseg.train.model.SegmenterRegistry;
import io.adaptseg.train.weights.WeightFiles;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The done-when of issue 19 (docs/fidelity.md): a DeepLab-v2 state dict with AdaptSegNet's names,
 * exported with {@code adaptseg export --weights}, predicts through the edge runtime what AdaptSegNet's
 * own model code and evaluation predict with the same weights (two-branch ASPP, align-corners
 * upsampling to the input size, argmax). The reference's labels come from PyTorch running a rewrite of
 * AdaptSegNet's code ({@code scripts/fixtures/adaptsegnet_reference.py}); both sides make the weights
 * from the tensor names ({@link ReferenceWeights}). A four-branch network or half-pixel upsampling of
 * the same weights must fall short, so the agreement is not a property of any deployment.
 */
class AdaptSegNetReferenceTest {
    private static final String ARCHITECTURE = "deeplabv2-r101-multi";
    private static final double REQUIRED = 0.999;

    private record Fixture(int height, int width, int classes, byte[] rgb, int[] labels, long[] logitsShape,
                           float[] logits, int tensors, long parameters) {
    }

    private static Fixture fixture() throws Exception {
        try (InputStream in = AdaptSegNetReferenceTest.class.getResourceAsStream("adaptsegnet-reference.json")) {
            JsonNode doc = new ObjectMapper().readTree(in);
            int h = doc.get("height").asInt();
            int w = doc.get("width").asInt();
            byte[] rgb = new byte[h * w * 3];
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = (byte) doc.get("image").get(i).asInt();
            }
            int[] labels = new int[h * w];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = doc.get("labels").get(i).asInt();
            }
            long[] shape = new long[4];
            for (int i = 0; i < 4; i++) {
                shape[i] = doc.get("logitsShape").get(i).asLong();
            }
            float[] logits = new float[doc.get("logits").size()];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = (float) doc.get("logits").get(i).asDouble();
            }
            return new Fixture(h, w, doc.get("classes").asInt(), rgb, labels, shape, logits,
                    doc.get("tensors").asInt(), doc.get("parameters").asLong());
        }
    }

    private static double agreement(int[] a, int[] b) {
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            same += a[i] == b[i] ? 1 : 0;
        }
        return (double) same / a.length;
    }

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(Commands.all(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        String text = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        return text;
    }

    @Test
    void anExportedAdaptSegNetStateDictPredictsWhatAdaptSegNetsEvaluationPredicts(@TempDir Path dir) throws Exception {
        Fixture f = fixture();
        Path weights = dir.resolve("adaptsegnet-multi.safetensors");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            assertEquals(f.tensors(), ReferenceWeights.shapes(f.classes()).size(), "tensors of the reference state dict");
            assertEquals(f.parameters(), ReferenceWeights.write(weights, f.classes(), manager),
                    "values of the reference state dict");
        }
        Path model = dir.resolve("adaptsegnet.onnx");
        String export = run("export", "--weights", weights.toString(), "--architecture", ARCHITECTURE,
                "--input-size", f.width() + "x" + f.height(), "--out", model.toString());
        assertTrue(export.contains("name map deeplabv2-reference (detected") && export.contains("ASPP branches 2")
                && export.contains(f.tensors() + " loaded, 0 missing, 0 unexpected"), export);

        RgbImage image = new RgbImage(f.width(), f.height(), f.rgb());
        int[] deployed;
        float[] logits;
        try (SegmentationSession session = SegmentationSession.open(model, BackendKind.JAVA, BackendOptions.cpu())) {
            deployed = new Predictor(session, PredictOptions.whole(1)).predict(List.of(image)).getFirst().classes()
                    .values();
            float[] chw = new float[3 * f.height() * f.width()];
            session.model().normalization().toChw(f.rgb(), f.height() * f.width(), chw, 0);
            Tensor.Floats out = (Tensor.Floats) session.run(chw, 1, f.height(), f.width(), List.of(TensorNames.LOGITS))
                    .get(TensorNames.LOGITS);
            assertEquals(List.of(1L, 19L, 9L, 13L), java.util.Arrays.stream(out.shape()).boxed().toList());
            logits = out.data();
        }
        double maxDelta = 0;
        double maxAbs = 0;
        for (int i = 0; i < logits.length; i++) {
            maxDelta = Math.max(maxDelta, Math.abs(logits[i] - f.logits()[i]));
            maxAbs = Math.max(maxAbs, Math.abs(f.logits()[i]));
        }
        String logitsLine = String.format(Locale.ROOT, "logits: max |ours - reference| %.3g of max |logit| %.3g",
                maxDelta, maxAbs);
        // float32 through 100 layers in two engines; the fixture keeps 6 significant digits
        assertTrue(maxDelta < 1e-3 * maxAbs, logitsLine);
        double exported = agreement(deployed, f.labels());
        assertTrue(exported >= REQUIRED, String.format(Locale.ROOT, "exported model agrees with AdaptSegNet's"
                + " evaluation on %.4f of the pixels, need %.3f; %s", exported, REQUIRED, logitsLine));

        int c = f.classes();
        int lh = (int) f.logitsShape()[2];
        int lw = (int) f.logitsShape()[3];
        double halfPixel = agreement(Resampler.resizeArgmax(logits, 0, c, lh, lw, f.height(), f.width(),
                Convention.HALF_PIXEL), f.labels());
        double fourBranches = agreement(fourBranchLabels(weights, f), f.labels());
        String figures = String.format(Locale.ROOT, "agreement: exported %.4f, half-pixel %.4f, four branches %.4f; %s",
                exported, halfPixel, fourBranches, logitsLine);
        System.out.println(figures);
        assertTrue(halfPixel < REQUIRED, "half-pixel upsampling reaches the bar too: " + figures);
        assertTrue(fourBranches < REQUIRED, "a four-branch ASPP reaches the bar too: " + figures);
    }

    /** The labels of the same file in a four-branch network (DJL forward, align-corners upsampling). */
    private static int[] fourBranchLabels(Path weights, Fixture f) throws Exception {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Segmenter s = SegmenterRegistry.create(ARCHITECTURE, LabelSet.CITYSCAPES19.size(),
                    SegmenterOptions.defaults(Family.DEEPLAB_V2).withAsppBranches(4)
                            .withLogitsUpsampling(Convention.ALIGN_CORNERS));
            s.initialize(manager);
            assertTrue(WeightFiles.load(s, weights, Optional.empty()).complete());
            float[] chw = new float[3 * f.height() * f.width()];
            s.normalization().toChw(f.rgb(), f.height() * f.width(), chw, 0);
            NDArray x = manager.create(chw, new Shape(1, 3, f.height(), f.width()));
            NDArray logits = s.evaluationLogits(s.forward(new ParameterStore(manager, false), x, false));
            Shape shape = logits.getShape();
            return Resampler.resizeArgmax(logits.toFloatArray(), 0, (int) shape.get(1), (int) shape.get(2),
                    (int) shape.get(3), f.height(), f.width(), Convention.ALIGN_CORNERS);
        }
    }
}
