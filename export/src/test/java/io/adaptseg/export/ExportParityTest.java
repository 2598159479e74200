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
            assertEquals(fold ? 0 : 1, Math.min(1, Graphs.count(model.getGraph(), "BatchNormalization")));
            Path file = dir.resolve("model.onnx");
            CheckedModelWriter.write(model, file, s.numClasses(), s.outputStride());
            try (Parity parity = new Parity(s, HeadSelection.heads(s, head), file, s.normalization(),
                    ParityThresholds.forPrecision(fp16))) {
                ParityReport report = parity.run("test", SIZES, 2, fp16, null);
                assertTrue(report.passed(), report::toText);
                // DeepLab-v2 inputs are in Caffe scale (about ±128), so float32 logits differ by ~1e-3 in absolute terms
                if (!fp16) {
                    report.sizes().forEach(r -> assertTrue(r.maxAbsDelta() < 1e-2, report::toText));
                }
                System.out.print(architecture + " " + head + " fold=" + fold + " fp16=" + fp16 + "\n" + report.toText());
            }
        }
    }
}
