package io.adaptseg.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.PixelBudget;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.infer.BatchPrediction;
import io.adaptseg.infer.CityscapesFixture;
import io.adaptseg.infer.InputSets;
import io.adaptseg.infer.OutputFormat;
import io.adaptseg.infer.PredictInput;
import io.adaptseg.infer.PredictSummary;
import io.adaptseg.runtime.TestModels;
import io.adaptseg.runtime.predict.PredictOptions;
import io.adaptseg.runtime.predict.SlidingWindow;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spark predict} in {@code local[2,3]} (two task threads; a failed task is tried up to three
 * times, which plain {@code local[2]} does not allow) against single-JVM {@code predict} on the same
 * model and images. One Spark context for the class: starting one costs seconds.
 */
class SparkPredictionTest {
    private static JavaSparkContext sc;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    @BeforeAll
    static void startSpark() {
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2,3]").setAppName("adaptseg-spark-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
        sc.setLogLevel("WARN");
    }

    @AfterAll
    static void stopSpark() {
        if (sc != null) {
            sc.stop();
        }
    }

    private SparkSettings settings(Path model, Path out, int partitions) {
        return new SparkSettings(model, "java", "cpu", "cpu", 0, Optional.empty(), new PredictOptions(3, false, Optional.empty()),
                EnumSet.allOf(OutputFormat.class), out, false, false, PixelBudget.configured(), partitions);
    }

    @Test
    void writesTheSameLabelsAndScoresAsPredict() throws Exception {
        Path root = CityscapesFixture.write(dir.resolve("cs"), 4);
        Path model = TestModels.cityscapes(dir.resolve("same.onnx"), 7);
        List<PredictInput> inputs = InputSets.cityscapes(root, "val");
        SparkSettings spark = settings(model, dir.resolve("spark"), 3);
        PredictSummary single = new BatchPrediction(spark.withOut(dir.resolve("single")).toPredictSettings(), log, false)
                .run(inputs);
        int sessionsBefore = ExecutorSessions.opened();

        SparkPredictSummary summary = new SparkPrediction(spark, log).run(sc, inputs);

        assertTrue(single.complete() && summary.complete(), summary.failures().toString());
        assertEquals(8, summary.written());
        assertEquals(3, summary.partitions());
        assertEquals(1, ExecutorSessions.opened() - sessionsBefore, "one session per executor JVM, not one per task");
        assertSameOutputs(dir.resolve("single"), dir.resolve("spark"));
        assertEquals(Files.readString(dir.resolve("single/iou.txt")), Files.readString(dir.resolve("spark/iou.txt")));
        assertEquals(single.score().orElseThrow().metrics().meanIou(), summary.score().orElseThrow().metrics().meanIou());
        assertEquals(8, summary.score().orElseThrow().images());
        String text = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("8/8 100%"), text);
        assertFalse(Files.exists(dir.resolve("spark").resolve(TaskJournal.FOLDER)), "the task journals are removed");
    }

    @Test
    void reportsAndSkipsACorruptImage() throws Exception {
        Path root = CityscapesFixture.write(dir.resolve("cs"), 2);
        Path bad = root.resolve("leftImg8bit/val/bremen/bremen_000000_000099_leftImg8bit.png");
        Files.write(bad, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Path model = TestModels.cityscapes(dir.resolve("corrupt.onnx"), 3);
        Path out = dir.resolve("out");

        SparkPredictSummary summary = new SparkPrediction(settings(model, out, 2), log).run(sc, InputSets.cityscapes(root, "val"));

        assertEquals(4, summary.written());
        assertEquals(1, summary.failures().size());
        assertEquals(bad, summary.failures().getFirst().file());
        assertFalse(Files.exists(out.resolve("trainIds/bremen/bremen_000000_000099_leftImg8bit.png")));
        assertEquals(4, summary.score().orElseThrow().images());
        String text = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("FAILED: 1 of 5 images were skipped:") && text.contains(bad.toString()), text);
    }

    @Test
    void aTaskThatFailsOnceStillGivesCompleteOutputs() throws Exception {
        Path root = CityscapesFixture.write(dir.resolve("cs"), 3);
        Path model = TestModels.cityscapes(dir.resolve("retry.onnx"), 5);
        List<PredictInput> inputs = InputSets.cityscapes(root, "val");
        SparkSettings spark = settings(model, dir.resolve("spark"), 2);
        PredictSummary single = new BatchPrediction(spark.withOut(dir.resolve("single")).toPredictSettings(), log, false)
                .run(inputs);

        SparkPredictSummary summary = new SparkPrediction(spark, log, Optional.of(new FaultInjection(1, 2))).run(sc, inputs);

        assertTrue(summary.complete(), summary.failures().toString());
        assertEquals(2, summary.recovered(), "the retry keeps what the failed attempt finished");
        assertEquals(4, summary.written(), "the retry writes only the rest");
        assertSameOutputs(dir.resolve("single"), dir.resolve("spark"));
        assertEquals(single.score().orElseThrow().metrics().meanIou(), summary.score().orElseThrow().metrics().meanIou());
        assertEquals(6, summary.score().orElseThrow().images());
        try (Stream<Path> files = Files.walk(dir.resolve("spark"))) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".part")).toList());
        }
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("removed 1 partial files"));
    }

    @Test
    void resumeOnlyScoresFinishedOutputsAndModelNamesAreUnique() throws Exception {
        Path root = CityscapesFixture.write(dir.resolve("cs"), 2);
        Path model = TestModels.cityscapes(dir.resolve("resume.onnx"), 9);
        List<PredictInput> inputs = InputSets.cityscapes(root, "val");
        SparkSettings spark = settings(model, dir.resolve("spark"), 2).withResume(true);
        SparkPredictSummary first = new SparkPrediction(spark, log).run(sc, inputs);
        Path one = dir.resolve("spark/color/aachen/aachen_000000_000000_color.png");
        long stamp = Files.getLastModifiedTime(one).toMillis();
        Files.delete(dir.resolve("spark/labelIds/bremen/bremen_000000_000019_labelIds.png"));

        SparkPredictSummary second = new SparkPrediction(spark, log).run(sc, inputs);

        assertEquals(4, first.written());
        assertEquals(3, second.resumed());
        assertEquals(1, second.written());
        assertEquals(stamp, Files.getLastModifiedTime(one).toMillis());
        assertEquals(first.score().orElseThrow().metrics().meanIou(), second.score().orElseThrow().metrics().meanIou());
        assertEquals(4, second.score().orElseThrow().images());
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("resume: 3 of 4 images already have all their outputs"));

        Path other = TestModels.cityscapes(Files.createDirectories(dir.resolve("other")).resolve("resume.onnx"), 10);
        AdaptsegException e = assertThrows(AdaptsegException.class,
                () -> new SparkPrediction(settings(other, dir.resolve("o"), 2), log).run(sc, inputs));
        assertTrue(e.getMessage().contains("already ships") && e.getMessage().contains("own file name"), e.getMessage());
    }

    @Test
    void slidingFlipAndThePixelBudgetAreAppliedOnTheExecutors() throws Exception {
        Path root = CityscapesFixture.write(dir.resolve("cs"), 2);
        Path model = TestModels.cityscapes(dir.resolve("sliding.onnx"), 11);
        List<PredictInput> inputs = InputSets.cityscapes(root, "val");
        PredictOptions windows = new PredictOptions(2, true, Optional.of(new SlidingWindow(32, 40, 16, 28, 1.0)));
        SparkSettings spark = new SparkSettings(model, "java", "cpu", "cpu", 0, Optional.empty(), windows,
                EnumSet.of(OutputFormat.TRAINID, OutputFormat.LABELID), dir.resolve("spark"), false, false,
                PixelBudget.configured(), 2);
        PredictSummary single = new BatchPrediction(spark.withOut(dir.resolve("single")).toPredictSettings(), log, false)
                .run(inputs);
        PredictSummary whole = new BatchPrediction(SparkSettings.defaults(model, dir.resolve("whole"), 2)
                .toPredictSettings(), log, false).run(inputs);

        SparkPredictSummary summary = new SparkPrediction(spark, log).run(sc, inputs);

        assertTrue(single.complete() && whole.complete() && summary.complete(), summary.failures().toString());
        assertSameOutputs(dir.resolve("single"), dir.resolve("spark"));
        assertFalse(Arrays.equals(Files.readAllBytes(dir.resolve("whole/labelIds/aachen/aachen_000000_000000_labelIds.png")),
                Files.readAllBytes(dir.resolve("spark/labelIds/aachen/aachen_000000_000000_labelIds.png"))),
                "windows and flip change this model's labels, so the comparison above can fail");

        // 96x48 images against a budget of 64x32 pixels: every executor's reader refuses them before decoding
        SparkSettings small = new SparkSettings(model, "java", "cpu", "cpu", 0, Optional.empty(), windows,
                EnumSet.of(OutputFormat.TRAINID), dir.resolve("budget"), false, false, new PixelBudget(64 * 32), 2);
        List<PredictInput> unscored = inputs.subList(0, 2).stream()
                .map(i -> new PredictInput(i.image(), i.relativeDir(), Optional.empty())).toList();
        SparkPredictSummary refused = new SparkPrediction(small, log).run(sc, unscored);
        assertEquals(2, refused.failures().size());
        assertTrue(refused.failures().getFirst().message().contains("pixel"), refused.failures().getFirst().message());
    }

    /** Every output file of {@code a} exists in {@code b} with the same decoded pixels. */
    static void assertSameOutputs(Path a, Path b) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(a)) {
            files = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".png")
                    && !p.getFileName().toString().startsWith("iou")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        for (Path fa : files) {
            Path fb = b.resolve(a.relativize(fa));
            assertTrue(Files.isRegularFile(fb), "missing " + fb);
            String name = fa.getFileName().toString();
            if (name.endsWith("_color.png") || name.endsWith("_overlay.png")) {
                assertArrayEquals(PngCodec.readRgb(fa).rgb(), PngCodec.readRgb(fb).rgb(), name);
            } else {
                assertArrayEquals(PngCodec.readLabels(fa).values(), PngCodec.readLabels(fb).values(), name);
            }
        }
    }
}
