package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.core.model.MetadataKeys;
import io.adaptseg.core.model.ModelMetadata;
import io.adaptseg.core.resample.Convention;
import io.adaptseg.core.resample.ImageResize;
import io.adaptseg.core.resample.Resampler;
import io.adaptseg.export.onnx.OnnxModels;
import io.adaptseg.runtime.SegmentationSession;
import io.adaptseg.runtime.backend.BackendKind;
import io.adaptseg.runtime.backend.BackendOptions;
import io.adaptseg.runtime.predict.PredictOptions;
import io.adaptseg.runtime.predict.Predictor;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The input resize a checkpoint was trained with ({@code image-resize}) travels into its exported
 * model, and the edge runtime resizes images with it; models without the key stay bilinear.
 */
class InputResizeCommandTest {
    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    /** What the runtime prepares of {@code image}, and the same image resized by {@code resize} and normalised. */
    private static float[][] preparedAndExpected(Path model, RgbImage image, ImageResize resize) throws Exception {
        try (SegmentationSession s = SegmentationSession.open(model, BackendKind.JAVA, BackendOptions.cpu())) {
            ModelMetadata m = s.model();
            float[] prepared = new Predictor(s, PredictOptions.whole(1)).prepare(image).chw();
            byte[] rgb = resize.resize(image.rgb(), image.width(), image.height(), m.inputWidth(), m.inputHeight());
            float[] expected = new float[prepared.length];
            m.normalization().toChw(rgb, m.inputWidth() * m.inputHeight(), expected, 0);
            return new float[][] {prepared, expected};
        }
    }

    @Test
    void aCheckpointTrainedWithBicubicIsDeployedWithPilBicubicInputs(@TempDir Path dir) throws Exception {
        Path ckpt = ExportParityCommandTest.checkpoint(dir.resolve("snapshots"), "deeplabv2-tiny-multi", 3, 0,
                "image-resize: bicubic\n");
        Path data = ExportParityCommandTest.dataset(dir.resolve("data"), 2, 80, 120);
        Path model = dir.resolve("m.onnx");
        // the export's dataset parity feeds DJL the resize the runtime will apply, so the deployed path agrees
        CommandRun export = run("export", "--checkpoint", ckpt.toString(), "--out", model.toString(), "--data",
                data.toString());
        assertEquals(0, export.code(), export.out() + export.err());
        assertEquals("bicubic", OnnxModels.metadata(OnnxModels.read(model)).get(MetadataKeys.INPUT_RESIZE));

        RgbImage image = PngCodec.readRgb(data.resolve("images/0.png"));
        float[][] bicubic = preparedAndExpected(model, image, ImageResize.BICUBIC);
        // the expected bytes are core's PIL bicubic (PilResampleTest holds it to Pillow's own output)
        assertArrayEquals(bicubic[1], bicubic[0]);
        float[][] bilinear = preparedAndExpected(model, image, ImageResize.BILINEAR);
        assertFalse(Arrays.equals(bilinear[1], bilinear[0]), "bicubic and bilinear inputs are the same here");
        assertArrayEquals(Resampler.resizeRgbBicubic(image.rgb(), 120, 80, 96, 64),
                ImageResize.BICUBIC.resize(image.rgb(), 120, 80, 96, 64));

        CommandRun info = run("info", "--model", model.toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("  input resize: bicubic\n"), info.out());

        // bench runtime times the reader threads' preparation with the model's resize against bilinear
        CommandRun bench = run("bench", "runtime", "--model", model.toString(), "--size", "150x100", "--iterations", "2");
        assertEquals(0, bench.code(), bench.out() + bench.err());
        assertTrue(bench.out().lines().anyMatch(l -> l.matches("prepare per image \\(resize 150x100 -> 96x64 \\+ normalise,"
                + " on the reader threads\\): bicubic p50 \\d+\\.\\d ms, bilinear \\d+\\.\\d ms; \\d+\\.\\d % of java's model"
                + " time per image")), bench.out());
    }

    @Test
    void aCheckpointBeforeTheKeyAndAModelWithoutItStayBilinear(@TempDir Path dir) throws Exception {
        Path ckpt = ExportParityCommandTest.checkpoint(dir.resolve("snapshots"), "deeplabv2-tiny-multi", 3, 0, "");
        Path model = dir.resolve("m.onnx");
        CommandRun export = run("export", "--checkpoint", ckpt.toString(), "--out", model.toString(), "--no-parity");
        assertEquals(0, export.code(), export.out() + export.err());
        assertEquals("bilinear", OnnxModels.metadata(OnnxModels.read(model)).get(MetadataKeys.INPUT_RESIZE));

        // a model exported before the key existed: the same file without it
        var proto = OnnxModels.read(model).toBuilder();
        for (int i = proto.getMetadataPropsCount() - 1; i >= 0; i--) {
            if (proto.getMetadataProps(i).getKey().equals(MetadataKeys.INPUT_RESIZE)) {
                proto.removeMetadataProps(i);
            }
        }
        Path old = dir.resolve("old.onnx");
        OnnxModels.write(proto.build(), old);
        assertFalse(OnnxModels.metadata(OnnxModels.read(old)).containsKey(MetadataKeys.INPUT_RESIZE));
        RgbImage image = PngCodec.readRgb(ExportParityCommandTest.dataset(dir.resolve("data"), 1, 80, 120)
                .resolve("images/0.png"));
        float[][] bilinear = preparedAndExpected(old, image, ImageResize.BILINEAR);
        assertArrayEquals(bilinear[1], bilinear[0]);
        float[] before = new float[bilinear[0].length];
        byte[] halfPixel = Resampler.resizeRgb(image.rgb(), 120, 80, 96, 64, Convention.HALF_PIXEL);
        try (SegmentationSession s = SegmentationSession.open(old, BackendKind.JAVA, BackendOptions.cpu())) {
            s.model().normalization().toChw(halfPixel, 96 * 64, before, 0);
        }
        assertArrayEquals(before, bilinear[0], "the runtime's resize of old models changed");
        float[][] bicubic = preparedAndExpected(old, image, ImageResize.BICUBIC);
        assertFalse(Arrays.equals(bicubic[1], bicubic[0]));

        CommandRun info = run("info", "--model", old.toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("  input resize: bilinear (no " + MetadataKeys.INPUT_RESIZE), info.out());
        CommandRun infoNew = run("info", "--model", model.toString());
        assertTrue(infoNew.out().contains("  input resize: bilinear\n"), infoNew.out());
    }
}
