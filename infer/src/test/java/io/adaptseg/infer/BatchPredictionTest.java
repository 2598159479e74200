package io.adaptseg.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.core.labels.CityscapesClass;
import io.adaptseg.runtime.TestModels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchPredictionTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    private PredictSettings settings(Path model, Path out) {
        return PredictSettings.defaults(model, out, 3).withFormats(EnumSet.allOf(OutputFormat.class));
    }

    @Test
    void writesCityscapesNamedOutputsAndScoresThem() throws Exception {
        Path root = CityscapesFixture.write(dir.resolve("cs"), 3);
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 7);
        Path out = dir.resolve("out");
        List<PredictInput> inputs = InputSets.cityscapes(root, "val");
        assertEquals(6, inputs.size());
        PredictSummary summary = new BatchPrediction(settings(model, out), log, false).run(inputs);

        assertTrue(summary.complete(), summary.failures().toString());
        assertEquals(6, summary.written());
        assertEquals("cpu", summary.provider());
        assertEquals(List.of("color", "iou.csv", "iou.json", "iou.png", "iou.txt", "labelIds", "overlay", RunRecord.FILE,
                "trainIds"), names(out));
        // one folder per format, the cities below, one file per image in each
        assertEquals(List.of("aachen_000000_000000_color.png", "aachen_000000_000019_color.png", "aachen_000000_000038_color.png"),
                names(out.resolve("color/aachen")));
        assertEquals("aachen_000000_000000_labelIds.png", names(out.resolve("labelIds/aachen")).getFirst());
        assertEquals("aachen_000000_000000_leftImg8bit.png", names(out.resolve("trainIds/aachen")).getFirst());
        assertEquals("aachen_000000_000000_overlay.png", names(out.resolve("overlay/aachen")).getFirst());
        for (String format : List.of("color", "labelIds", "overlay", "trainIds")) {
            assertEquals(List.of("aachen", "bremen"), names(out.resolve(format)), format);
            assertEquals(3, names(out.resolve(format).resolve("bremen")).size(), format);
        }

        LabelImage trainIds = PngCodec.readLabels(out.resolve("trainIds/aachen/aachen_000000_000000_leftImg8bit.png"));
        LabelImage labelIds = PngCodec.readLabels(out.resolve("labelIds/aachen/aachen_000000_000000_labelIds.png"));
        RgbImage color = PngCodec.readRgb(out.resolve("color/aachen/aachen_000000_000000_color.png"));
        assertEquals(96, trainIds.width());
        assertEquals(48, trainIds.height());
        for (int i = 0; i < trainIds.values().length; i++) {
            CityscapesClass c = CityscapesClass.values()[trainIds.values()[i]];
            assertEquals(c.labelId(), labelIds.values()[i]);
            int rgb = ((color.rgb()[3 * i] & 0xff) << 16) | ((color.rgb()[3 * i + 1] & 0xff) << 8) | (color.rgb()[3 * i + 2] & 0xff);
            assertEquals(c.rgb(), rgb);
        }
        assertTrue(summary.score().isPresent());
        assertEquals(6, summary.score().get().images());
        String json = Files.readString(out.resolve("iou.json"));
        assertTrue(json.contains("\"images\" : 6"), json);
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("===> mIoU:"));
    }

    @Test
    void scoresWhatWasWrittenAgainstGroundTruth() throws Exception {
        Path root = CityscapesFixture.write(dir.resolve("cs"), 2);
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 3);
        Path first = dir.resolve("first");
        new BatchPrediction(settings(model, first), log, false).run(InputSets.cityscapes(root, "val"));
        // the model's own labelIds as ground truth: every pixel must be right
        for (String city : CityscapesFixture.CITIES) {
            try (Stream<Path> files = Files.list(first.resolve("labelIds").resolve(city))) {
                for (Path p : files.filter(p -> p.toString().endsWith("_labelIds.png")).toList()) {
                    String key = p.getFileName().toString().replace("_labelIds.png", "");
                    Files.copy(p, root.resolve("gtFine/val/" + city + "/" + key + "_gtFine_labelIds.png"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        PredictSummary again = new BatchPrediction(settings(model, dir.resolve("second")), log, false)
                .run(InputSets.cityscapes(root, "val"));
        assertEquals(1.0, again.score().orElseThrow().metrics().pixelAccuracy(), 1e-12);
        assertEquals(1.0, again.score().orElseThrow().means().get("mIoU"), 1e-12);
    }

    @Test
    void resumedRunEndsByteIdenticalToAnUninterruptedOne() throws Exception {
        Path root = CityscapesFixture.write(dir.resolve("cs"), 4);
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 11);
        List<PredictInput> inputs = InputSets.cityscapes(root, "val");
        Path straight = dir.resolve("straight");
        new BatchPrediction(settings(model, straight), log, false).run(inputs);

        // the state a killed run leaves: some images done, one image with only some of its
        // files, and the hidden temporary file of a write that was cut off
        Path resumed = dir.resolve("resumed");
        new BatchPrediction(settings(model, resumed), log, false).run(inputs.subList(0, 5));
        Path partial = inputs.get(4).output(resumed, OutputFormat.COLOR);
        Files.delete(partial);
        Files.write(partial.resolveSibling("." + partial.getFileName() + ".123456789.part"), new byte[] {1, 2, 3});
        Path untouched = inputs.get(0).output(resumed, OutputFormat.TRAINID);
        Files.setLastModifiedTime(untouched, java.nio.file.attribute.FileTime.fromMillis(0));

        PredictSummary summary = new BatchPrediction(settings(model, resumed).withResume(true), log, false).run(inputs);
        assertEquals(4, summary.resumed());
        assertEquals(4, summary.written());
        assertEquals(0, Files.getLastModifiedTime(untouched).toMillis(), "complete outputs are not rewritten");
        Map<String, byte[]> a = tree(straight);
        Map<String, byte[]> b = tree(resumed);
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            if (name.equals("iou.json")) {
                // the report names its output folder; everything else must match
                assertEquals(new String(a.get(name), StandardCharsets.UTF_8).replace(straight.toString(), "OUT"),
                        new String(b.get(name), StandardCharsets.UTF_8).replace(resumed.toString(), "OUT"));
            } else {
                assertArrayEquals(a.get(name), b.get(name), name);
            }
        }
    }

    @Test
    void corruptAndUnreadableInputsAreReportedAndSkipped() throws Exception {
        Path root = CityscapesFixture.write(dir.resolve("cs"), 3);
        Path corrupt = CityscapesFixture.image(root, "aachen", 1);
        Files.writeString(corrupt, "not a png");
        Path truncated = CityscapesFixture.image(root, "bremen", 2);
        byte[] bytes = Files.readAllBytes(truncated);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 5);
        Path out = dir.resolve("out");
        PredictSummary summary = new BatchPrediction(settings(model, out), log, false).run(InputSets.cityscapes(root, "val"));

        assertFalse(summary.complete());
        assertEquals(4, summary.written());
        assertEquals(List.of(corrupt, truncated), summary.failures().stream().map(f -> f.file()).sorted().toList());
        assertTrue(summary.failures().stream().allMatch(f -> f.message().contains(f.file().toString())), summary.failures().toString());
        assertFalse(Files.exists(out.resolve("trainIds/aachen/aachen_000000_000019_leftImg8bit.png")));
        String text = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("FAILED: 2 of 6 images were skipped"), text);
        assertTrue(text.contains(corrupt.toString()), text);
        // the scores cover the four images that were written
        assertEquals(4, summary.score().orElseThrow().images());
    }

    @Test
    void imageFolderWithoutGroundTruthIsNotScoredUnlessAsked() throws Exception {
        Path images = dir.resolve("images");
        PngCodec.writeRgb(images.resolve("a/one.png"), CityscapesFixture.image(70, 30, 1));
        PngCodec.writeRgb(images.resolve("two.png"), CityscapesFixture.image(64, 32, 2));
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 5);
        Path out = dir.resolve("out");
        PredictSettings plain = settings(model, out);
        PredictSummary summary = new BatchPrediction(plain, log, false).run(InputSets.folder(images, Optional.empty()));
        assertTrue(summary.score().isEmpty());
        assertTrue(Files.isRegularFile(out.resolve("trainIds/a/one.png")));
        assertTrue(Files.isRegularFile(out.resolve("labelIds/a/one_labelIds.png")));
        assertTrue(Files.isRegularFile(out.resolve("overlay/two_overlay.png")));
        assertFalse(Files.exists(out.resolve("iou.json")));

        PredictSettings scored = new PredictSettings(plain.model(), plain.backend(), plain.backendOptions(), plain.predict(),
                plain.formats(), out, false, true, plain.pixelBudget());
        AdaptsegException e = assertThrows(AdaptsegException.class,
                () -> new BatchPrediction(scored, log, false).run(InputSets.folder(images, Optional.empty())));
        assertTrue(e.getMessage().contains("--score"), e.getMessage());
    }

    @Test
    void anOutputFolderThatHoldsTheInputsIsRefusedAndTheInputsStayAsTheyWere() throws Exception {
        Path images = dir.resolve("images");
        PngCodec.writeRgb(images.resolve("one.png"), CityscapesFixture.image(64, 32, 1));
        PngCodec.writeRgb(images.resolve("sub/two.png"), CityscapesFixture.image(64, 32, 2));
        Map<String, byte[]> before = tree(images);
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 5);
        for (Path out : List.of(images, images.resolve("sub"), dir)) {
            AdaptsegException e = assertThrows(AdaptsegException.class,
                    () -> new BatchPrediction(settings(model, out), log, false).run(InputSets.folder(images, Optional.empty())));
            assertTrue(e.getMessage().startsWith("input ") && e.getMessage().contains("lies inside the output folder " + out),
                    e.getMessage());
        }
        assertEquals(before.keySet(), tree(images).keySet());
        before.forEach((name, bytes) -> assertArrayEquals(bytes, readUnchecked(images.resolve(name)), name));
    }

    @Test
    void resumeRefusesOutputsOfAnotherModelOrOtherSettings() throws Exception {
        Path root = CityscapesFixture.write(dir.resolve("cs"), 3);
        List<PredictInput> inputs = InputSets.cityscapes(root, "val");
        Path modelA = TestModels.cityscapes(dir.resolve("a.onnx"), 3);
        Path modelB = TestModels.cityscapes(dir.resolve("b.onnx"), 4);
        Path out = dir.resolve("out");
        // a run of model A killed after 4 of 6 images
        new BatchPrediction(settings(modelA, out), log, false).run(inputs.subList(0, 4));
        Map<String, byte[]> before = tree(out);

        AdaptsegException other = assertThrows(AdaptsegException.class,
                () -> new BatchPrediction(settings(modelB, out).withResume(true), log, false).run(inputs));
        assertTrue(other.getMessage().startsWith("--resume: " + out + " holds predictions made differently (model sha256 "),
                other.getMessage());
        assertTrue(other.getMessage().contains(modelA.toString()) && other.getMessage().contains(modelB.toString()),
                other.getMessage());
        PredictSettings flipped = settings(modelA, out).withResume(true);
        PredictSettings withFlip = new PredictSettings(flipped.model(), flipped.backend(), flipped.backendOptions(),
                new io.adaptseg.runtime.predict.PredictOptions(3, true, Optional.empty()), flipped.formats(), out, true, false,
                flipped.pixelBudget());
        AdaptsegException flip = assertThrows(AdaptsegException.class, () -> new BatchPrediction(withFlip, log, false).run(inputs));
        assertTrue(flip.getMessage().contains("--flip off then, on now"), flip.getMessage());
        assertEquals(before.keySet(), tree(out).keySet(), "a refused resume writes nothing");

        // the same model under another name is the same model: resuming is fine
        Path copy = Files.copy(modelA, dir.resolve("a-copy.onnx"));
        PredictSummary resumed = new BatchPrediction(settings(copy, out).withResume(true), log, false).run(inputs);
        assertEquals(4, resumed.resumed());
        assertEquals(2, resumed.written());

        // outputs without a record (another tool, an older version) cannot be resumed either
        Files.delete(out.resolve(RunRecord.FILE));
        AdaptsegException unknown = assertThrows(AdaptsegException.class,
                () -> new BatchPrediction(settings(modelA, out).withResume(true), log, false).run(inputs));
        assertTrue(unknown.getMessage().contains("has outputs but no " + RunRecord.FILE), unknown.getMessage());
    }

    @Test
    void aRunWithoutResumeRemovesTheOldOutputsBeforeWritingNewOnes() throws Exception {
        Path root = CityscapesFixture.write(dir.resolve("cs"), 2);
        List<PredictInput> inputs = InputSets.cityscapes(root, "val");
        Path out = dir.resolve("out");
        new BatchPrediction(settings(TestModels.cityscapes(dir.resolve("a.onnx"), 3), out), log, false).run(inputs);
        // the image becomes unreadable; model B's run must not leave model A's outputs of it looking current
        Files.writeString(inputs.get(1).image(), "no longer a PNG");
        PredictSummary b = new BatchPrediction(settings(TestModels.cityscapes(dir.resolve("b.onnx"), 4), out), log, false)
                .run(inputs);
        assertEquals(1, b.failures().size());
        for (OutputFormat f : OutputFormat.values()) {
            assertFalse(Files.exists(inputs.get(1).output(out, f)), f.toString());
            assertTrue(Files.exists(inputs.get(0).output(out, f)), f.toString());
        }
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("outputs of an earlier run in " + out));
        assertEquals(RunRecord.sha256(dir.resolve("b.onnx")), RunRecord.read(out).orElseThrow().modelSha256());
    }

    @Test
    void anOutputThatCannotBeWrittenNamesTheOutputAndTheReasonOnce() throws Exception {
        Path images = dir.resolve("images");
        PngCodec.writeRgb(images.resolve("a/one.png"), CityscapesFixture.image(64, 32, 1));
        PngCodec.writeRgb(images.resolve("two.png"), CityscapesFixture.image(64, 32, 2));
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("color"));
        Files.writeString(out.resolve("color/a"), "a file where the sub-folder color/a/ must go");
        PredictSummary summary = new BatchPrediction(settings(TestModels.cityscapes(dir.resolve("m.onnx"), 5), out), log, false)
                .run(InputSets.folder(images, Optional.empty()));
        assertEquals(1, summary.written());
        String message = summary.failures().getFirst().message();
        assertTrue(message.startsWith("cannot write " + out.resolve("color/a")) && message.contains("(a file of that name exists: "),
                message);
        String text = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("  " + images.resolve("a/one.png") + ": cannot write "), text);
    }

    private static byte[] readUnchecked(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void missingInputFoldersAreNamed() {
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> InputSets.cityscapes(dir, "val"));
        assertTrue(e.getMessage().contains(dir.resolve("leftImg8bit/val").toString()), e.getMessage());
        e = assertThrows(AdaptsegException.class, () -> InputSets.folder(dir.resolve("nope"), Optional.empty()));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Map<String, byte[]> tree(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
