package io.adaptseg.export.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.core.model.TensorNames;
import io.adaptseg.export.parity.Precision;
import io.adaptseg.runtime.SegmentationSession;
import io.adaptseg.runtime.backend.BackendKind;
import io.adaptseg.runtime.backend.BackendOptions;
import io.adaptseg.runtime.backend.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in model of the device check: the same bytes every time, the contract, and labels worth comparing. */
class ProbeModelTest {
    @Test
    void everyBuildWritesTheSameBytesSoTheTensorRtCacheKeyIsStable(@TempDir Path dir) throws Exception {
        Path a = ProbeModel.write(Files.createDirectory(dir.resolve("a")));
        Path b = ProbeModel.write(Files.createDirectory(dir.resolve("b")));
        assertEquals(ProbeModel.FILE_NAME, a.getFileName().toString());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        CheckedModel model = CheckedModel.load("built-in", a);
        assertEquals(CheckedModel.load("again", b).sha256(), model.sha256());
        assertEquals(64, model.sha256().length());
        assertEquals(LabelSet.CITYSCAPES19, model.metadata().labelSet());
        assertEquals(Precision.FLOAT32, model.precision());
        assertEquals(0.9999, model.minAgreement());
    }

    /**
     * Agreement on a picture where every pixel got the same class would prove little: the probe image
     * must spread over several classes through the random network.
     */
    @Test
    void theProbeImageGivesSeveralClassesOnTheCpu(@TempDir Path dir) throws Exception {
        CheckedModel model = CheckedModel.load("built-in", ProbeModel.write(dir));
        int h = model.metadata().inputHeight();
        int w = model.metadata().inputWidth();
        try (SegmentationSession session = SegmentationSession.open(model.file(), BackendKind.JAVA, BackendOptions.cpu())) {
            Map<String, Tensor> out = session.run(ProbeImage.normalised(model.metadata()), 1, h, w,
                    List.of(TensorNames.LOGITS, TensorNames.LABELS));
            int[] labels = ((Tensor.Ints) out.get(TensorNames.LABELS)).data();
            int[] counts = new int[model.metadata().classes()];
            for (int label : labels) {
                counts[label]++;
            }
            int frequent = 0;
            for (int c : counts) {
                frequent += c >= labels.length / 100 ? 1 : 0;
            }
            assertTrue(frequent >= 5, "classes with >= 1 % of the pixels: " + frequent + " " + java.util.Arrays.toString(counts));
        }
    }

    /**
     * A healthy GPU must not fail the built-in model: with TF32's rounding emulated on the CPU
     * ({@link Tf32Emulation}), its labels on the probe image still agree with float32's within float32's
     * threshold.
     */
    @Test
    void tf32RoundingKeepsTheBuiltInModelWithinTheFloat32Threshold(@TempDir Path dir) throws Exception {
        Path plain = ProbeModel.write(dir);
        Path rounded = dir.resolve("tf32.onnx");
        io.adaptseg.export.onnx.OnnxModels.write(Tf32Emulation.of(ProbeModel.build()), rounded);
        CheckedModel model = CheckedModel.load("built-in", plain);
        int[] a = labels(plain, model);
        int[] b = labels(rounded, model);
        double agreement = io.adaptseg.export.parity.Deltas.agreement(a, b);
        System.out.println("probe: agreement under emulated TF32 " + 100 * agreement + " %");
        assertTrue(agreement >= model.minAgreement(), "agreement " + agreement);
    }

    /**
     * The random deep path (dilated convolutions, pooling) must decide pixels, or a provider computing it
     * wrongly would go unseen: without it the labels change beyond every precision's threshold but int8's.
     */
    @Test
    void theDeepPathMovesEnoughLabelsToBeSeen(@TempDir Path dir) throws Exception {
        Path plain = ProbeModel.write(dir);
        ModelProto full = ProbeModel.build();
        GraphProto.Builder graph = full.getGraph().toBuilder();
        for (int i = 0; i < graph.getInitializerCount(); i++) {
            TensorProto t = graph.getInitializer(i);
            if (t.getName().startsWith("aspp_")) {
                float[] zeros = new float[(int) io.adaptseg.export.onnx.Tensors.elementCount(t)];
                graph.setInitializer(i, io.adaptseg.export.onnx.Tensors.float32(t.getName(), zeros,
                        t.getDimsList().stream().mapToLong(Long::longValue).toArray()));
            }
        }
        Path colourOnly = dir.resolve("colour-only.onnx");
        io.adaptseg.export.onnx.OnnxModels.write(full.toBuilder().setGraph(graph).build(), colourOnly);
        CheckedModel model = CheckedModel.load("built-in", plain);
        double agreement = io.adaptseg.export.parity.Deltas.agreement(labels(plain, model), labels(colourOnly, model));
        System.out.println("probe: agreement without the deep path " + 100 * agreement + " %");
        assertTrue(agreement < Precision.FLOAT16.thresholds().minAgreement(), "agreement " + agreement);
    }

    private static int[] labels(Path file, CheckedModel model) throws Exception {
        int h = model.metadata().inputHeight();
        int w = model.metadata().inputWidth();
        try (SegmentationSession session = SegmentationSession.open(file, BackendKind.JAVA, BackendOptions.cpu())) {
            return ((Tensor.Ints) session.run(ProbeImage.normalised(model.metadata()), 1, h, w,
                    List.of(TensorNames.LABELS)).get(TensorNames.LABELS)).data();
        }
    }
}
