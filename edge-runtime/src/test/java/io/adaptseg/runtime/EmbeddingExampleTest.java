package io.adaptseg.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.ImageFiles;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PixelBudget;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.runtime.backend.BackendKind;
import io.adaptseg.runtime.backend.BackendOptions;
import io.adaptseg.runtime.predict.PredictOptions;
import io.adaptseg.runtime.predict.Prediction;
import io.adaptseg.runtime.predict.Predictor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Embedding adaptseg in a Java program" example: it compiles here, runs on a real
 * ONNX model, and the README shows exactly these lines (so the two cannot drift apart).
 */
class EmbeddingExampleTest {
    @TempDir
    Path dir;

    // README:begin
    static void segment(Path model, List<Path> photos, Path outDir) throws AdaptsegException, IOException {
        try (SegmentationSession session = SegmentationSession.open(model, BackendKind.JAVA, BackendOptions.cpu())) {
            Predictor predictor = new Predictor(session, PredictOptions.whole(1));
            for (Path photo : photos) {
                // PNG, JPEG, BMP...; refused from the header when over the pixel budget
                RgbImage image = ImageFiles.readRgb(photo, PixelBudget.configured());
                Prediction prediction = predictor.predict(List.of(image)).getFirst(); // trainIds, photo's size
                String name = photo.getFileName().toString().replaceFirst("\\.[^.]+$", "") + ".png";
                PngCodec.writeLabels8(outDir.resolve(name), prediction.trainIds());
            }
        }
    }
    // README:end

    @Test
    void theReadmeExampleSegmentsJpegAndPngPhotosAtTheirOwnSize() throws Exception {
        Path model = TestModels.cityscapes(dir.resolve("model.onnx"), 4);
        Path jpeg = dir.resolve("street.jpg");
        BufferedImage picture = new BufferedImage(90, 45, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 45; y++) {
            for (int x = 0; x < 90; x++) {
                picture.setRGB(x, y, (x * 2) << 16 | (y * 5) << 8 | 60);
            }
        }
        assertTrue(ImageIO.write(picture, "jpeg", jpeg.toFile()));
        Path png = dir.resolve("square.png");
        PngCodec.writeRgb(png, new RgbImage(40, 40, new byte[40 * 40 * 3]));
        Path out = Files.createDirectories(dir.resolve("out"));

        segment(model, List.of(jpeg, png), out);

        LabelImage street = PngCodec.readLabels(out.resolve("street.png"));
        assertEquals("90x45", street.width() + "x" + street.height());
        assertTrue(java.util.Arrays.stream(street.values()).allMatch(v -> v < 19), "trainIds 0..18");
        LabelImage square = PngCodec.readLabels(out.resolve("square.png"));
        assertEquals("40x40", square.width() + "x" + square.height());
    }

    @Test
    void theReadmeShowsTheseLines() throws Exception {
        String source = Files.readString(Path.of("src/test/java/io/adaptseg/runtime/EmbeddingExampleTest.java"));
        String example = source.substring(source.indexOf("// README:begin\n") + "// README:begin\n".length(),
                source.indexOf("    // README:end"));
        String readme = Files.readString(Path.of("../README.md"));
        // the README block is the method without the class's indentation
        String unindented = example.lines().map(l -> l.startsWith("    ") ? l.substring(4) : l)
                .reduce("", (a, l) -> a + l + "\n");
        assertTrue(example.lines().count() <= 16, example.lines().count() + " lines");
        assertTrue(readme.contains(unindented), "README.md must contain, verbatim:\n" + unindented);
    }
}
