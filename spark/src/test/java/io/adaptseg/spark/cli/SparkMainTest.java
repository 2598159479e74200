package io.adaptseg.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.image.PixelBudget;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.runtime.TestModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code adaptseg spark} command line, run in-process: usage errors and one real local run. */
class SparkMainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... args) {
        return new SparkMain(new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8)).run(args);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badCommandLinesAreUsageErrorsNamingTheOption() throws Exception {
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 1);
        assertEquals(2, run("predicts"));
        assertTrue(err().contains("unknown command 'predicts'"), err());
        assertEquals(2, run("predict", "--model", model.toString(), "--out", dir.toString(), "--master", "local[1]"));
        assertTrue(err().contains("give exactly one of --images DIR or --cityscapes ROOT"), err());
        assertEquals(2, run("predict", "--model", model.toString(), "--out", dir.toString(), "--images", dir.toString(),
                "--formats", "trainid,jpeg"));
        assertTrue(err().contains("--formats: unknown output format 'jpeg'"), err());
        assertEquals(2, run("predict", "--model", model.toString(), "--out", dir.toString(), "--images", dir.toString(),
                "--partitions", "0"));
        assertTrue(err().contains("--partitions must be a positive integer, found '0'"), err());
        assertEquals(2, run("predict", "--model", model.toString(), "--out", dir.toString(), "--images", dir.toString(),
                "--providers", "gpu:0"));
        assertTrue(err().contains("gpu"), err());
    }

    @Test
    void predictsValuesAreRefusedAsPredictRefusesThem() throws Exception {
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 1);
        String[] base = {"predict", "--model", model.toString(), "--out", dir.resolve("o").toString()};
        // the words of predict's own tests (PredictCommandTest): the same parsers
        assertEquals(2, run(concat(base, "--cityscapes", dir.toString(), "--split", "../x")));
        assertTrue(err().contains("--split: must be a folder name such as val, train or test, found '../x'"), err());
        assertEquals(2, run(concat(base, "--images", dir.toString(), "--sliding", "tile=512")));
        assertTrue(err().contains("--sliding tile must be WIDTHxHEIGHT such as 2048x1024, found '512'"), err());
        assertEquals(2, run(concat(base, "--images", dir.toString(), "--sliding", "tile=60x30,stride=0x10")));
        assertTrue(err().contains("--sliding stride must be at least 1x1"), err());
        assertEquals(2, run(concat(base, "--images", dir.toString(), "--max-pixels", "lots")));
        String expected;
        try {
            PixelBudget.parse("lots", "the value");
            throw new AssertionError("'lots' parsed");
        } catch (IllegalArgumentException e) {
            expected = "--max-pixels: " + e.getMessage();
        }
        assertTrue(err().contains(expected), err());
    }

    private static String[] concat(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void predictsAFolderInLocalMode() throws Exception {
        Path images = dir.resolve("images");
        for (int i = 0; i < 4; i++) {
            PngCodec.writeRgb(images.resolve("sub/frame" + i + ".png"), io.adaptseg.infer.CityscapesFixture.image(80, 40, i));
        }
        Path model = TestModels.cityscapes(dir.resolve("cli.onnx"), 2);
        Path out = dir.resolve("out");

        int code = run("predict", "--master", "local[2]", "--model", model.toString(), "--images", images.toString(),
                "--out", out.toString(), "--partitions", "2", "--formats", "trainid,color", "--conf", "spark.ui.enabled=false");

        String text = outBytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err() + text);
        assertTrue(text.contains("4 images to predict") && text.contains("4/4 100%"), text);
        assertTrue(text.contains("predicted 4 images on 2 partitions"), text);
        assertTrue(Files.isRegularFile(out.resolve("trainIds/sub/frame3.png")));
        assertTrue(Files.isRegularFile(out.resolve("color/sub/frame3_color.png")));
        assertEquals(80, PngCodec.readLabels(out.resolve("trainIds/sub/frame0.png")).width());
    }

    @Test
    void benchComparesBothRunsOnTheSameImages() throws Exception {
        Path images = dir.resolve("images");
        for (int i = 0; i < 3; i++) {
            PngCodec.writeRgb(images.resolve("frame" + i + ".png"), io.adaptseg.infer.CityscapesFixture.image(64, 32, 10 + i));
        }
        Path model = TestModels.cityscapes(dir.resolve("bench.onnx"), 4);

        int code = run("bench", "--master", "local[2]", "--model", model.toString(), "--images", images.toString(),
                "--out", dir.resolve("work").toString(), "--repeat", "2", "--conf", "spark.ui.enabled=false");

        String text = outBytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err() + text);
        assertTrue(text.contains("round 2: predict"), text);
        assertTrue(text.contains("predict (one JVM)") && text.contains("spark predict local[2]"), text);
        assertTrue(text.contains("labels identical (decoded): 3 of 3 images"), text);
        assertTrue(Files.isRegularFile(dir.resolve("work/bench.log")));
    }
}
