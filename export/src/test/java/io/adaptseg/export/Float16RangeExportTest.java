package io.adaptseg.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.model.Float16Range;
import io.adaptseg.core.model.ModelMetadata;
import io.adaptseg.export.calibration.CalibrationImages;
import io.adaptseg.export.onnx.OnnxModels;
import io.adaptseg.train.model.Segmenter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The float16 range check through the export: a normal tiny network on PNG images, recorded in the file. */
class Float16RangeExportTest {
    @Test
    void aTinyNetworkFitsAndTheFileSaysSo(@TempDir Path dir) throws Exception {
        Path data = ParityDatasets.folders(dir.resolve("f"), 3, 48, 80, 4);
        CalibrationImages images = CalibrationImages.choose("--fp16-check", data, 2);
        assertEquals(2, images.files().size());
        assertTrue(images.files().stream().allMatch(f -> f.getParent().getFileName().toString().equals("images")),
                images.files()::toString);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Segmenter s = TestNetworks.randomized("deeplabv2-tiny-multi", manager, 5);
            Path target = dir.resolve("model16.onnx");
            List<String> lines = new ArrayList<>();
            ExportGate.Outcome outcome = ExportGate.export(ExportRequest.of(s, TestNetworks.metadata(s), "test",
                    ExportOptions.defaults().withFloat16(true), target).withFp16Check(images).withParity(false), lines::add);
            lines.forEach(System.out::println);
            assertTrue(outcome.written());
            assertTrue(lines.contains("float16 range: no tensor within 2x of 65504"), lines::toString);
            ModelMetadata back = ModelMetadata.fromProperties(target.toString(),
                    OnnxModels.metadata(OnnxModels.read(target)));
            Float16Range range = back.checks().float16Range().orElseThrow();
            assertEquals(2, range.images());
            assertTrue(range.fits() && range.near() == 0 && range.tensors() > 10, range::toString);
            assertTrue(range.largestAbs() > 0 && range.largestAbs() < Float16Range.FLOAT16_MAX / 2, range::toString);
            assertEquals(range.toString(), lines.getLast());
        }
    }

    @Test
    void aMissingFolderIsNamedWithItsOption(@TempDir Path dir) {
        AdaptsegException e = assertThrows(AdaptsegException.class,
                () -> CalibrationImages.choose("--fp16-check", dir.resolve("nowhere"), 4));
        assertEquals("--fp16-check " + dir.resolve("nowhere") + " does not exist or is not a folder", e.getMessage());
        AdaptsegException empty = assertThrows(AdaptsegException.class,
                () -> CalibrationImages.choose("--fp16-check", dir, 4));
        assertTrue(empty.getMessage().startsWith("--fp16-check " + dir + ": no PNG images in"), empty.getMessage());
    }
}
