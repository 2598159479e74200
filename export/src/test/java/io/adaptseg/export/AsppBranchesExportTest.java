package io.adaptseg.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.onnx.proto.OnnxMl.ModelProto;
import io.adaptseg.export.onnx.Graphs;
import io.adaptseg.export.parity.Parity;
import io.adaptseg.export.parity.ParityReport;
import io.adaptseg.export.parity.ParityThresholds;
import io.adaptseg.export.parity.Precision;
import io.adaptseg.train.model.Family;
import io.adaptseg.train.model.PublishedWeights;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.model.SegmenterOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ASPP branch count is part of the model: a two-branch network (AdaptSegNet's and MaxSquare's
 * forward) and a four-branch one, with the same weights, each export to a graph that agrees with its
 * own DJL forward, and the two forwards differ.
 */
class AsppBranchesExportTest {
    private static final String ARCHITECTURE = "deeplabv2-tiny-multi";

    @Test
    void twoAndFourBranchExportsEachMatchTheirDjlForward(@TempDir Path dir) throws Exception {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            SegmenterOptions four = SegmenterOptions.defaults(Family.DEEPLAB_V2);
            Segmenter s4 = TestNetworks.randomized(ARCHITECTURE, four, manager, 11);
            Segmenter s2 = TestNetworks.randomized(ARCHITECTURE, four.withAsppBranches(2), manager, 11);
            long convs4 = -1;
            for (Segmenter s : List.of(s4, s2)) {
                int branches = s.options().asppBranches();
                // both heads exported (their sum), so both classifiers' branch counts show in the graph
                ExportOptions options = ExportOptions.defaults().withHead(ExportOptions.ALL_HEADS);
                ModelProto model = OnnxExporter.standard().export(s, options, TestNetworks.metadata(s));
                long convs = Graphs.count(model.getGraph(), "Conv");
                if (branches == 4) {
                    convs4 = convs;
                } else {
                    // two heads lose two branch convolutions each
                    assertEquals(convs4 - 2 * 2, convs, "Conv nodes of the two-branch graph");
                }
                Path file = dir.resolve("aspp" + branches + ".onnx");
                CheckedModelWriter.write(model, file, s.numClasses(), s.outputStride());
                try (Parity parity = new Parity(s, HeadSelection.heads(s, ExportOptions.ALL_HEADS), file,
                        s.normalization(), ParityThresholds.FLOAT32)) {
                    ParityReport report = parity.run("aspp-" + branches, List.of(new int[] {64, 96}), 2, Precision.FLOAT32, null);
                    assertTrue(report.passed(), report::toText);
                    report.sizes().forEach(r -> assertTrue(r.maxAbsDelta() < 1e-2, report::toText));
                }
            }
            // same parameters, different forwards: the branch count is not a no-op
            NDArray x = manager.randomNormal(new Shape(1, 3, 64, 96)).mul(50);
            NDArray l4 = s4.evaluationLogits(s4.forward(new ParameterStore(manager, false), x, false));
            NDArray l2 = s2.evaluationLogits(s2.forward(new ParameterStore(manager, false), x, false));
            assertTrue(l4.sub(l2).abs().max().getFloat() > 1e-3, "two- and four-branch forwards are equal");
        }
    }

    @Test
    void publishedCheckpointsGetTheBranchCountThatProducedThem() throws Exception {
        assertEquals(2, PublishedWeights.forArchitecture("deeplabv2-r101-multi").asppBranches());
        assertEquals(2, PublishedWeights.forArchitecture("deeplabv2-r101-single").asppBranches());
        assertEquals(4, PublishedWeights.forArchitecture("deeplabv2-r101-clan").asppBranches());
        assertEquals(4, PublishedWeights.forArchitecture("deeplabv3plus-r101").asppBranches());
        assertTrue(PublishedWeights.forArchitecture("deeplabv2-r101-multi").reason().contains("deeplab_multi.py:114-118"));
    }
}
