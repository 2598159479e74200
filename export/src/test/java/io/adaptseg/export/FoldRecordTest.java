package io.adaptseg.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.onnx.proto.OnnxMl.ModelProto;
import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.core.model.ModelMetadata;
import io.adaptseg.core.resample.ImageResize;
import io.adaptseg.export.metadata.Provenance;
import io.adaptseg.export.onnx.Graphs;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.weights.NameMap;
import io.adaptseg.train.weights.WeightImportReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The provenance's {@code fold_bn} says what the written graph is: a float16 export folds its batch norms
 * whether or not {@code --fold-bn} was given, and a model made from a weight file must record that too.
 */
class FoldRecordTest {
    @Test
    void anImportedModelRecordsTheFoldingItsGraphHas() throws Exception {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Segmenter s = TestNetworks.randomized("deeplabv2-tiny-multi", manager, 5);
            WeightImportReport report = new WeightImportReport(Path.of("w.npz"), List.of(), List.of(), List.of(),
                    List.of(), List.of(), List.of(), List.of("npz"), NameMap.OURS);
            ImportedModel imported = new ImportedModel(Path.of("w.npz"), "0".repeat(64), s, LabelSet.CITYSCAPES19,
                    report, 96, 64, ImageResize.BILINEAR);
            for (ExportOptions options : List.of(ExportOptions.defaults(), ExportOptions.defaults().withFoldBatchNorm(true),
                    ExportOptions.defaults().withFloat16(true))) {
                ModelMetadata metadata = imported.metadata(options);
                ModelProto model = OnnxExporter.standard().export(s, options, metadata);
                boolean folded = Graphs.count(model.getGraph(), "BatchNormalization") == 0;
                String recorded = Provenance.fromJson(metadata.origin().provenanceJson()).export().get("fold_bn");
                assertEquals(Boolean.toString(folded), recorded, "fold_bn for " + options);
                assertEquals(options.foldBatchNorm() || options.float16(), folded, "graph for " + options);
            }
        }
    }
}
