package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.runtime.TestModels;
import io.adaptseg.runtime.predict.SlidingWindow;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code adaptseg predict} in-process: outputs, exit codes for failed inputs and bad options. */
class PredictCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run predict(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] full = Stream.concat(Stream.of("predict"), Arrays.stream(args)).toArray(String[]::new);
        int code = new Main(Commands.all(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(full);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path cityscapes() throws Exception {
        Path root = dir.resolve("cs");
        for (int i = 0; i < 3; i++) {
            String key = "ulm_000000_" + String.format("%06d", i);
            byte[] rgb = new byte[64 * 32 * 3];
            new java.util.Random(i).nextBytes(rgb);
            PngCodec.writeRgb(root.resolve("leftImg8bit/val/ulm/" + key + "_leftImg8bit.png"), new RgbImage(64, 32, rgb));
            PngCodec.writeLabels8(root.resolve("gtFine/val/ulm/" + key + "_gtFine_labelIds.png"), LabelImage.filled(64, 32, 7));
        }
        return root;
    }

    @Test
    void predictsScoresAndExitsZero() throws Exception {
        Path root = cityscapes();
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 1);
        Run r = predict("--model", model.toString(), "--cityscapes", root.toString(), "--out", dir.resolve("out").toString(),
                "--batch", "2", "--formats", "trainid,overlay", "--flip");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("predicted 3 images"), r.out());
        assertTrue(r.out().matches("(?s).*\\nplacement: CPUExecutionProvider \\d+ nodes\\n.*"), r.out());
        assertTrue(r.out().contains("===> mIoU:"), r.out());
        assertTrue(Files.isRegularFile(dir.resolve("out/overlay/ulm/ulm_000000_000002_overlay.png")));
        assertTrue(Files.isRegularFile(dir.resolve("out/iou.csv")));
    }

    @Test
    void labelIdsFolderHoldsOneFilePerImageAsTheOfficialEvaluationSearchesIt() throws Exception {
        Path root = cityscapes();
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 1);
        Path out = dir.resolve("out");
        Run r = predict("--model", model.toString(), "--cityscapes", root.toString(), "--out", out.toString(),
                "--formats", "trainid,labelid,color,overlay");
        assertEquals(0, r.code(), r.err());
        // cityscapesscripts' evalPixelLevelSemanticLabeling: for each ground truth, a recursive search of
        // CITYSCAPES_RESULTS for *<city>_<seq>_<frame>*.png that must find exactly one file
        try (Stream<Path> gts = Files.list(root.resolve("gtFine/val/ulm"))) {
            for (Path gt : gts.toList()) {
                String key = gt.getFileName().toString().replace("_gtFine_labelIds.png", "");
                try (Stream<Path> found = Files.walk(out.resolve("labelIds"))) {
                    List<Path> matches = found.filter(p -> p.getFileName().toString().contains(key)
                            && p.getFileName().toString().endsWith(".png")).toList();
                    assertEquals(List.of(out.resolve("labelIds/ulm/" + key + "_labelIds.png")), matches);
                }
            }
        }
        for (String folder : List.of("trainIds", "color", "overlay")) {
            try (Stream<Path> files = Files.walk(out.resolve(folder))) {
                assertEquals(3, files.filter(Files::isRegularFile).count(), folder);
            }
        }
    }

    @Test
    void jpegImagesArePredictedAndScored() throws Exception {
        Path images = dir.resolve("photos");
        Path gt = dir.resolve("gt");
        for (int i = 0; i < 2; i++) {
            BufferedImage image = new BufferedImage(64, 32, BufferedImage.TYPE_3BYTE_BGR);
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 64; x++) {
                    image.setRGB(x, y, (x * 4 + i * 30) << 16 | y * 8 << 8 | 90);
                }
            }
            Files.createDirectories(images.resolve("street"));
            assertTrue(ImageIO.write(image, "jpeg", images.resolve("street/frame" + i + ".jpg").toFile()));
            PngCodec.writeLabels8(gt.resolve("street/frame" + i + ".png"), LabelImage.filled(64, 32, 7));
        }
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 1);
        Path out = dir.resolve("out");
        Run r = predict("--model", model.toString(), "--images", images.toString(), "--gt", gt.toString(),
                "--out", out.toString(), "--formats", "trainid,color");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("predicted 2 images"), r.out());
        assertEquals(64, PngCodec.readLabels(out.resolve("trainIds/street/frame1.png")).width());
        assertTrue(Files.isRegularFile(out.resolve("color/street/frame1_color.png")));
        assertTrue(Files.isRegularFile(out.resolve("iou.txt")));
        // a second run with --resume finds every output and predicts nothing
        Run again = predict("--model", model.toString(), "--images", images.toString(), "--gt", gt.toString(),
                "--out", out.toString(), "--formats", "trainid,color", "--resume");
        assertEquals(0, again.code(), again.err() + again.out());
        assertTrue(again.out().contains("resume: 2 of 2 images already have all their outputs; predicting 0"), again.out());
    }

    @Test
    void aFailedInputGivesExitCodeThreeAndItsPath() throws Exception {
        Path root = cityscapes();
        Path bad = root.resolve("leftImg8bit/val/ulm/ulm_000000_000001_leftImg8bit.png");
        Files.writeString(bad, "garbage");
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 1);
        Run r = predict("--model", model.toString(), "--cityscapes", root.toString(), "--out", dir.resolve("out").toString(),
                "--sliding", "tile=32x32,stride=16x16");
        assertEquals(PredictCommand.SOME_FAILED, r.code(), r.err());
        assertTrue(r.out().contains("FAILED: 1 of 3 images") && r.out().contains(bad.toString()), r.out());
        assertTrue(Files.isRegularFile(dir.resolve("out/trainIds/ulm/ulm_000000_000002_leftImg8bit.png")));
    }

    @Test
    void badOptionsAreUsageErrorsNamingTheOption() throws Exception {
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 1);
        Run both = predict("--model", model.toString(), "--images", "a", "--cityscapes", "b", "--out", "o");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("exactly one of --images"), both.err());
        Run formats = predict("--model", model.toString(), "--images", "a", "--out", "o", "--formats", "trainid,jpeg");
        assertEquals(2, formats.code());
        assertTrue(formats.err().contains("--formats") && formats.err().contains("'jpeg'"), formats.err());
        Run sliding = predict("--model", model.toString(), "--images", "a", "--out", "o", "--sliding", "tile=512");
        assertEquals(2, sliding.code());
        assertTrue(sliding.err().contains("--sliding tile must be WIDTHxHEIGHT such as 2048x1024, found '512'"), sliding.err());
        Run providers = predict("--model", model.toString(), "--images", "a", "--out", "o", "--providers", "gpu");
        assertEquals(2, providers.code());
        assertTrue(providers.err().contains("'gpu'"), providers.err());
        Run missing = predict("--model", dir.resolve("none.onnx").toString(), "--images", dir.toString(), "--out", "o");
        assertEquals(1, missing.code());
    }

    @Test
    void slidingSpec() {
        // sizes are WIDTHxHEIGHT; SlidingWindow takes (tileHeight, tileWidth, strideY, strideX)
        assertEquals(new SlidingWindow(512, 1024, 256, 512, 1.0), PredictCommand.parseSliding("tile=1024x512,stride=512x256"));
        assertEquals(new SlidingWindow(30, 60, 20, 40, 0.5), PredictCommand.parseSliding("tile=60X30, scale=0.5"));
        UsageException stride = assertThrows(UsageException.class, () -> PredictCommand.parseSliding("tile=60x30,stride=0x10"));
        assertTrue(stride.getMessage().startsWith("--sliding stride must be at least 1x1"), stride.getMessage());
    }
}
