package io.adaptseg.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.onnx.proto.OnnxMl.ModelProto;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.export.onnx.Graphs;
import io.adaptseg.export.parity.Parity;
import io.adaptseg.export.parity.ParityReport;
import io.adaptseg.export.parity.ParityThresholds;
import io.adaptseg.export.parity.Precision;
import io.adaptseg.train.model.Segmenter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExportParityTest {
    private static final List<int[]> SIZES = List.of(new int[] {64, 96}, new int[] {40, 56});

    @ParameterizedTest(name = "{0} head={1} fold={2} fp16={3}")
    @CsvSource({
        "deeplabv2-tiny-single, eval, false, false",
        "deeplabv2-tiny-multi,  eval, false, false",
        "deeplabv2-tiny-multi,  aux,  true,  false",
        "deeplabv2-tiny-clan,   eval, true,  false",
        "deeplabv2-tiny-clan,   c1,   false, false",
        "deeplabv3plus-tiny,    eval, false, false",
        "deeplabv3plus-tiny,    eval, true,  false",
        "deeplabv2-tiny-multi,  eval, true,  true",
        "deeplabv3plus-tiny,    eval, false, true",
    })
    void exportedModelAgreesWithTheTrainedNetwork(String architecture, String head, boolean fold, boolean fp16,
                                                  @TempDir Path dir) throws Exception {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Segmenter s = TestNetworks.randomized(architecture, manager, 5);
            ExportOptions options = ExportOptions.defaults().withHead(head).withFoldBatchNorm(fold).withFloat16(fp16);
            ModelProto model = OnnxExporter.standard().export(s, options, TestNetworks.metadata(s));
            assertEquals(fold || fp16 ? 0 : 1, Math.min(1, Graphs.count(model.getGraph(), "BatchNormalization")));
            Path file = dir.resolve("model.onnx");
            CheckedModelWriter.write(model, file, s.numClasses(), s.outputStride());
            try (Parity parity = new Parity(s, HeadSelection.heads(s, head), file, s.normalization(),
                    Precision.ofFloat16(fp16).thresholds())) {
                ParityReport report = parity.run("test", SIZES, 2, Precision.ofFloat16(fp16), null);
                assertTrue(report.passed(), report::toText);
                // DeepLab-v2 inputs are in Caffe scale (about ±128), so float32 logits differ by ~1e-3 in absolute terms
                if (!fp16) {
                    report.sizes().forEach(r -> assertTrue(r.maxAbsDelta() < 1e-2, report::toText));
                }
                System.out.print(architecture + " " + head + " fold=" + fold + " fp16=" + fp16 + "\n" + report.toText());
            }
        }
    }

    /**
     * The first batch norm's running variance above float16's 65504 (what conv1's batch norm reaches
     * on 0-255 inputs), its conv scaled to match: a float16 export without --fold-bn still passes the
     * float16 thresholds. Before folding was forced, the variance became inf and zeroed the channels.
     */
    @Test
    void float16ExportOfABatchNormWithVarianceAbove65504PassesParity(@TempDir Path dir) throws Exception {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Segmenter s = TestNetworks.randomized("deeplabv2-tiny-single", manager, 5);
            String var = s.parameters().keySet().stream().filter(k -> k.endsWith("running_var")).findFirst().orElseThrow();
            String conv = s.parameters().keySet().stream().filter(k -> k.endsWith("weight")).findFirst().orElseThrow();
            ai.djl.ndarray.NDArray v = s.parameters().get(var).getArray();
            v.set(v.onesLike().mul(1.5e5f).toFloatArray());
            ai.djl.ndarray.NDArray w = s.parameters().get(conv).getArray();
            w.set(w.mul(30f).toFloatArray());
            ExportOptions options = ExportOptions.defaults().withFloat16(true);
            OnnxExporter.Exported exported = OnnxExporter.standard().exportWithNotes(s, options, TestNetworks.metadata(s));
            assertEquals(0, Graphs.count(exported.model().getGraph(), "BatchNormalization"));
            Path file = dir.resolve("model.onnx");
            CheckedModelWriter.write(exported.model(), file, s.numClasses(), s.outputStride());
            try (Parity parity = new Parity(s, HeadSelection.heads(s, "eval"), file, s.normalization(),
                    ParityThresholds.FLOAT16)) {
                ParityReport report = parity.run("test", SIZES, 2, Precision.FLOAT16, null);
                assertTrue(report.passed(), report::toText);
            }
        }
    }
}
