package io.adaptseg.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.core.model.ModelMetadata;
import io.adaptseg.core.model.Normalization;
import io.adaptseg.export.parity.DatasetResult;
import io.adaptseg.export.parity.LabelledDataset;
import io.adaptseg.export.parity.Parity;
import io.adaptseg.export.parity.ParityReport;
import io.adaptseg.export.parity.Precision;
import io.adaptseg.train.model.Segmenter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parity on labelled PNG datasets: DJL, the exported graph and the edge runtime scored against ground truth. */
class DatasetParityTest {
    private static final int INPUT_H = 64;
    private static final int INPUT_W = 96;

    private static Path export(Segmenter s, boolean fp16, Path dir) throws Exception {
        return export(s, fp16, TestNetworks.metadata(s), dir);
    }

    private static Path export(Segmenter s, boolean fp16, ModelMetadata metadata, Path dir) throws Exception {
        Path file = dir.resolve(fp16 ? "model16.onnx" : "model.onnx");
        ExportOptions options = ExportOptions.defaults().withFoldBatchNorm(true).withFloat16(fp16);
        CheckedModelWriter.write(OnnxExporter.standard().export(s, options, metadata), file,
                s.numClasses(), s.outputStride());
        return file;
    }

    private static ParityReport run(Segmenter djl, Path model, boolean fp16, LabelledDataset data) throws Exception {
        try (Parity parity = new Parity(djl, HeadSelection.heads(djl, "eval"), model, djl.normalization(),
                Precision.ofFloat16(fp16).thresholds())) {
            DatasetResult result = parity.compareDataset(data, LabelSet.CITYSCAPES19, INPUT_H, INPUT_W, line -> { });
            return parity.report("test", List.of(), Precision.ofFloat16(fp16), result);
        }
    }

    @Test
    void cityscapesLayoutAtAnotherSizeAgreesOnEveryPath(@TempDir Path dir) throws Exception {
        LabelledDataset data = LabelledDataset.open(ParityDatasets.cityscapes(dir.resolve("cs"), 3, 96, 144, 1), "val");
        assertEquals(3, data.samples().size());
        assertEquals("labelid", data.gtFormat().id());
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Segmenter s = TestNetworks.randomized("deeplabv2-tiny-multi", manager, 5);
            ParityReport report = run(s, export(s, false, dir), false, data);
            System.out.print(report.toText());
            assertTrue(report.passed(), report::toText);
            DatasetResult d = report.dataset();
            assertEquals(3 * 96 * 144, d.pixels());
            assertTrue(d.djlMiou() > 0, report::toText);
            assertTrue(d.runtimeNormalization());
            assertTrue(d.onnxAgreement() >= 0.9999 && d.runtimeAgreement() >= 0.9999, report::toText);
            assertTrue(report.toJson().contains("\"runtimeMiouDelta\""), report::toJson);
        }
    }

    @Test
    void float16ModelOnFoldersAtTheTrainingSizeUsesTheGraphsLabels(@TempDir Path dir) throws Exception {
        LabelledDataset data = LabelledDataset.open(ParityDatasets.folders(dir.resolve("f"), 2, INPUT_H, INPUT_W, 2), "val");
        assertEquals("trainid", data.gtFormat().id());
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Segmenter s = TestNetworks.randomized("deeplabv3plus-tiny", manager, 7);
            ParityReport report = run(s, export(s, true, dir), true, data);
            System.out.print(report.toText());
            assertTrue(report.passed(), report::toText);
        }
    }

    @Test
    void aModelOfOtherWeightsFailsWithTheNumbers(@TempDir Path dir) throws Exception {
        LabelledDataset data = LabelledDataset.open(ParityDatasets.cityscapes(dir.resolve("cs"), 2, 96, 144, 3), "val");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Path model = export(TestNetworks.randomized("deeplabv2-tiny-multi", manager, 5), false, dir);
            Segmenter other = TestNetworks.randomized("deeplabv2-tiny-multi", manager, 6);
            ParityReport report = run(other, model, false, data);
            System.out.print(report.toText());
            assertFalse(report.passed());
            assertTrue(report.failures().stream().anyMatch(f -> f.startsWith("dataset: ONNX argmax agreement")),
                    report::toText);
            assertTrue(report.failures().stream().anyMatch(f -> f.startsWith("dataset: edge runtime agreement with DJL")),
                    report::toText);
            assertTrue(report.dataset().maxAbsDelta() > 0.1, report::toText);
        }
    }

    @Test
    void wrongNormalisationInTheMetadataPassesTheGraphButFailsTheDeployedPath(@TempDir Path dir) throws Exception {
        LabelledDataset data = LabelledDataset.open(ParityDatasets.cityscapes(dir.resolve("cs"), 2, 96, 144, 5), "val");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Segmenter s = TestNetworks.randomized("deeplabv2-tiny-multi", manager, 5);
            ModelMetadata right = TestNetworks.metadata(s);
            Normalization n = s.normalization();
            // the family is BGR; a model that tells the runtime RGB has a correct graph and a wrong deployment
            ModelMetadata wrong = right.withContract(right.contract().withNormalization(
                    new Normalization(Normalization.ColorOrder.RGB, n.scale(), n.mean(), n.std())));
            ParityReport report = run(s, export(s, false, wrong, dir), false, data);
            System.out.print(report.toText());
            DatasetResult d = report.dataset();
            assertTrue(d.onnxAgreement() >= 0.9999, report::toText);
            assertFalse(d.runtimeNormalization());
            assertTrue(d.runtimeAgreement() < 0.99, report::toText);
            assertTrue(report.failures().stream().anyMatch(f -> f.startsWith("dataset: the normalisation in the model's")),
                    report::toText);
            assertTrue(report.failures().stream().noneMatch(f -> f.startsWith("dataset: ONNX")), report::toText);
        }
    }

    @Test
    void unpairedFilesMissingSplitsAndUnknownLayoutsAreNamed(@TempDir Path dir) throws Exception {
        Path root = ParityDatasets.cityscapes(dir.resolve("cs"), 2, 16, 16, 4);
        Path gt = root.resolve("gtFine/val/demo/demo_000000_000001_gtFine_labelIds.png");
        Files.delete(gt);
        AdaptsegException missing = assertThrows(AdaptsegException.class, () -> LabelledDataset.open(root, "val"));
        assertTrue(missing.getMessage().contains("demo_000000_000001_leftImg8bit.png (image without a label: no "
                + gt + ")"), missing.getMessage());
        AdaptsegException split = assertThrows(AdaptsegException.class, () -> LabelledDataset.open(root, "test"));
        assertTrue(split.getMessage().contains(root.resolve("leftImg8bit/test") + " is missing"), split.getMessage());
        Path folders = ParityDatasets.folders(dir.resolve("f"), 2, 16, 16, 4);
        Path label = folders.resolve("labels/frame1.png");
        Files.move(label, folders.resolve("labels/frame9.png"));
        AdaptsegException unpaired = assertThrows(AdaptsegException.class, () -> LabelledDataset.open(folders, "val"));
        assertTrue(unpaired.getMessage().contains(folders.resolve("images/frame1.png") + " (image without a label: no "
                + label + ")"), unpaired.getMessage());
        assertTrue(unpaired.getMessage().contains("frame9.png (label without an image"), unpaired.getMessage());
        Files.createDirectories(dir.resolve("empty"));
        AdaptsegException layout = assertThrows(AdaptsegException.class,
                () -> LabelledDataset.open(dir.resolve("empty"), "val"));
        assertTrue(layout.getMessage().contains("has neither leftImg8bit/<split>"), layout.getMessage());
    }
}
