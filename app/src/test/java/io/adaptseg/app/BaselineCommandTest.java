package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Main(List.of(new SynthCommand(), new BaselineCommand()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    @Test
    void fitsOnGta5AndSynthiaLabelsAndPredictsTheTargetFolder(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        assertEquals(0, run("synth", "--out", data.toString(), "--size", "64x32", "--source-count", "3",
                "--target-train", "1", "--target-val", "2"), err.toString(StandardCharsets.UTF_8));
        for (String[] source : List.of(new String[] {"gta5/images", "gta5/labels", "labelid"},
                new String[] {"synthia/RGB", "synthia/GT/LABELS", "synthia"})) {
            Path pred = dir.resolve("pred-" + source[2]);
            assertEquals(0, run("baseline", "--fit-images", data.resolve(source[0]).toString(), "--fit-labels",
                    data.resolve(source[1]).toString(), "--label-format", source[2], "--images",
                    data.resolve("cityscapes/leftImg8bit/val").toString(), "--out", pred.toString()),
                    err.toString(StandardCharsets.UTF_8));
            LabelImage p = PngCodec.readLabels(pred.resolve("eastholm_000000_000019_leftImg8bit.png"));
            assertEquals(64, p.width());
            assertEquals(32, p.height());
            assertTrue(Files.isRegularFile(pred.resolve("fairhaven_000000_000019_leftImg8bit.png")));
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("fitted on 3 labelled images"));
    }

    @Test
    void missingLabelsAndBadOptionsAreReported(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        assertEquals(0, run("synth", "--out", data.toString(), "--size", "64x32", "--source-count", "2",
                "--target-train", "0", "--target-val", "0", "--datasets", "gta5"));
        Files.delete(data.resolve("gta5/labels/00002.png"));
        String[] base = {"baseline", "--fit-images", data.resolve("gta5/images").toString(), "--fit-labels",
            data.resolve("gta5/labels").toString(), "--images", data.resolve("gta5/images").toString(), "--out", dir.resolve("p").toString()};
        assertEquals(1, run(base));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("00002.png"), err.toString(StandardCharsets.UTF_8));
        err.reset();
        String[] bad = java.util.Arrays.copyOf(base, base.length + 2);
        bad[base.length] = "--label-format";
        bad[base.length + 1] = "trainid";
        assertEquals(2, run(bad));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("labelid or synthia"));
    }
}
