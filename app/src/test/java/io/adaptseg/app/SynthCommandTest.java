package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.PngHeader;
import io.adaptseg.synth.SynthConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Main(List.of(new SynthCommand()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesTheDatasetsAndSaysWhereAndHowFast(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("data");
        int code = run("synth", "--out", target.toString(), "--size", "64x32", "--source-count", "3",
                "--target-train", "2", "--target-val", "1", "--threads", "2", "--seed", "4");
        assertEquals(0, code, stderr());
        String text = stdout();
        assertTrue(text.contains("gta5") && text.contains(target.resolve("gta5").toString()), text);
        assertTrue(text.contains("cityscapes_list"), text);
        assertTrue(text.contains("images/s"), text);
        assertTrue(Files.isRegularFile(target.resolve("gta5/images/00003.png")));
        assertTrue(Files.isRegularFile(target.resolve("synthia/GT/LABELS/0000002.png")));
        assertTrue(Files.isRegularFile(target.resolve("cityscapes/gtFine/val/eastholm/eastholm_000000_000019_gtFine_color.png")));
        assertTrue(Files.readString(target.resolve("synth.json")).contains("\"seed\" : 4"));
    }

    @Test
    void sizeIsWidthByHeight(@TempDir Path dir) throws Exception {
        assertEquals(0, run("synth", "--out", dir.toString(), "--size", "96X48", "--source-count", "1",
                "--target-train", "0", "--target-val", "1", "--datasets", "gta5,cityscapes"), stderr());
        assertTrue(stdout().contains("of 96x48 (width x height)"), stdout());
        for (String png : List.of("gta5/images/00001.png", "gta5/labels/00001.png",
                "cityscapes/gtFine/val/eastholm/eastholm_000000_000019_gtFine_labelIds.png")) {
            PngHeader header = PngCodec.readHeader(dir.resolve(png));
            assertEquals(96, header.width(), png);
            assertEquals(48, header.height(), png);
        }
    }

    @Test
    void theDefaultSizeIsStill512By256() {
        assertEquals(0, run("synth", "--help"));
        assertTrue(stdout().contains("(default 512x256)"), stdout());
        SynthConfig d = SynthConfig.defaults();
        assertEquals(512, d.width());
        assertEquals(256, d.height());
    }

    @Test
    void chosenDatasetsOnly(@TempDir Path dir) {
        assertEquals(0, run("synth", "--out", dir.toString(), "--size", "64x32", "--source-count", "1",
                "--target-train", "1", "--target-val", "1", "--datasets", "synthia"), stderr());
        assertTrue(Files.isDirectory(dir.resolve("synthia")));
        assertFalse(Files.exists(dir.resolve("gta5")));
        assertFalse(Files.exists(dir.resolve("cityscapes")));
    }

    @Test
    void aDifferentDatasetInOutIsAnErrorUnlessOverwrite(@TempDir Path dir) {
        assertEquals(0, run("synth", "--out", dir.toString(), "--size", "64x32", "--source-count", "1",
                "--target-train", "1", "--target-val", "1"), stderr());
        int code = run("synth", "--out", dir.toString(), "--size", "64x32", "--source-count", "2",
                "--target-train", "1", "--target-val", "1");
        assertEquals(1, code);
        assertTrue(stderr().contains("different synthetic dataset") && stderr().contains("--overwrite"), stderr());
        assertEquals(1, stderr().lines().count(), "one line, no stack trace: " + stderr());
        assertEquals(0, run("synth", "--out", dir.toString(), "--size", "64x32", "--source-count", "2",
                "--target-train", "1", "--target-val", "1", "--overwrite"), stderr());
    }

    @Test
    void badOptionValuesAreUsageErrors(@TempDir Path dir) {
        String o = dir.toString();
        for (String[] args : List.of(
                new String[] {"synth"},
                new String[] {"synth", "--out", o, "--size", "256"},
                new String[] {"synth", "--out", o, "--size", "axb"},
                new String[] {"synth", "--out", o, "--size", "8x8"},
                new String[] {"synth", "--out", o, "--seed", "one"},
                new String[] {"synth", "--out", o, "--source-count", "-3"},
                new String[] {"synth", "--out", o, "--threads", "0"},
                new String[] {"synth", "--out", o, "--datasets", "gta5,kitti"})) {
            err.reset();
            assertEquals(2, run(args), String.join(" ", args));
            assertTrue(stderr().startsWith("adaptseg synth: "), stderr());
        }
        assertTrue(stderr().contains("kitti"), stderr());
        err.reset();
        assertEquals(2, run("synth", "--out", o, "--size", "64x16"));
        assertTrue(stderr().contains("--size: must be at least 32x32 (WIDTHxHEIGHT), found '64x16'"), stderr());
    }

    @Test
    void helpListsTheOptions() {
        assertEquals(0, run("synth", "--help"));
        for (String option : List.of("--out", "--seed", "--size", "--source-count", "--target-train", "--target-val",
                "--datasets", "--threads", "--overwrite")) {
            assertTrue(stdout().contains(option), option + " in " + stdout());
        }
    }
}
