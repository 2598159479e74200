package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.runtime.TestModels;
import io.adaptseg.synth.SynthConfig;
import io.adaptseg.synth.SynthDataset;
import io.adaptseg.synth.SynthGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 30, items 6 to 10, through the command line: folders given as links, unreadable subfolders,
 * names near the file system's limit, exit codes that follow the README's table, and label files that
 * are colour pictures. Every case checks the exit code and the line the user reads.
 */
class NothingLostCommandTest {
    @TempDir
    Path dir;

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    private static void photo(Path file, long seed) throws Exception {
        byte[] rgb = new byte[64 * 32 * 3];
        new Random(seed).nextBytes(rgb);
        Files.createDirectories(file.getParent());
        PngCodec.writeRgb(file, new RgbImage(64, 32, rgb));
    }

    private Path photos() throws Exception {
        Path images = dir.resolve("photos");
        for (int i = 0; i < 3; i++) {
            photo(images.resolve("p" + i + ".png"), i);
        }
        return images;
    }

    private Path model() throws Exception {
        return TestModels.cityscapes(dir.resolve("m.onnx"), 1);
    }

    /** A Cityscapes root with two val images of city "ulm", both with gtFine labelIds. */
    private Path cityscapes() throws Exception {
        Path root = dir.resolve("cs");
        for (int i = 0; i < 2; i++) {
            String key = String.format("ulm_%06d_%06d", i, 19);
            photo(root.resolve("leftImg8bit/val/ulm/" + key + "_leftImg8bit.png"), i);
            Path gt = root.resolve("gtFine/val/ulm/" + key + "_gtFine_labelIds.png");
            Files.createDirectories(gt.getParent());
            PngCodec.writeLabels8(gt, LabelImage.filled(64, 32, 7));
        }
        return root;
    }

    @Test
    void foldersGivenAsLinksAreReadAndOutputsInsideTheirTargetsAreRefused() throws Exception {
        Path images = photos();
        Path link = Files.createSymbolicLink(dir.resolve("link"), images);
        Path model = model();
        CommandRun r = run("predict", "--model", model.toString(), "--images", link.toString(), "--out",
                dir.resolve("o").toString(), "--formats", "trainid");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("predicted 3 images"), r.out());
        assertTrue(Files.isRegularFile(dir.resolve("o/trainIds/p1.png")));
        // the output check compares resolved paths: --out inside the link's target is inside --images
        CommandRun inside = run("predict", "--model", model.toString(), "--images", link.toString(), "--out",
                images.resolve("preds").toString());
        assertEquals(1, inside.code(), inside.out() + inside.err());
        assertTrue(inside.err().contains("lies inside --images"), inside.err());
        assertFalse(Files.exists(images.resolve("preds/trainIds")));

        // score: both folders as links
        Path gt = dir.resolve("gt/a.png");
        Path pred = dir.resolve("pred/a.png");
        Files.createDirectories(gt.getParent());
        Files.createDirectories(pred.getParent());
        PngCodec.writeLabels8(gt, LabelImage.filled(8, 8, 7));
        PngCodec.writeLabels8(pred, LabelImage.filled(8, 8, 0));
        Path gtLink = Files.createSymbolicLink(dir.resolve("gt-link"), gt.getParent());
        Path predLink = Files.createSymbolicLink(dir.resolve("pred-link"), pred.getParent());
        CommandRun score = run("score", "--gt", gtLink.toString(), "--pred", predLink.toString());
        assertEquals(0, score.code(), score.out() + score.err());
        assertTrue(score.out().contains("===>road:\t100.00"), score.out());
    }

    @Test
    void anUnreadableSubfolderIsListedAndTheRestIsPredicted() throws Exception {
        // root reads a folder whatever its mode; the test below makes the walk fail for root as well
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads folders of mode 000");
        Path images = photos();
        photo(images.resolve("locked/p9.png"), 9);
        Path locked = images.resolve("locked");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            CommandRun r = run("predict", "--model", model().toString(), "--images", images.toString(), "--out",
                    dir.resolve("o").toString(), "--formats", "trainid");
            assertEquals(PredictCommand.SOME_FAILED, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("predicted 3 images"), r.out());
            assertTrue(r.out().contains("  " + locked + ": cannot read (permission denied)"), r.out());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aSubfolderTheWalkCannotEnterIsListedAndTheRestIsPredicted() throws Exception {
        // a folder whose path is longer than PATH_MAX (4096 bytes) cannot be opened by path, by root either:
        // the file system's own error, made with mkdir and cd one level at a time
        Path images = photos();
        String level = "d".repeat(250);
        Process mk = new ProcessBuilder("bash", "-c", "cd \"$1\" && for i in $(seq 1 18); do mkdir " + level + " && cd "
                + level + " || exit 1; done", "bash", images.toString()).inheritIO().start();
        assertTrue(mk.waitFor(60, TimeUnit.SECONDS) && mk.exitValue() == 0, "could not build the deep folder");
        try {
            CommandRun r = run("predict", "--model", model().toString(), "--images", images.toString(), "--out",
                    dir.resolve("o").toString(), "--formats", "trainid");
            assertEquals(PredictCommand.SOME_FAILED, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("predicted 3 images"), r.out());
            assertTrue(r.out().contains(": cannot read (file name too long)"), r.out());
            assertTrue(r.out().contains("FAILED: 1 folders could not be read"), r.out());
        } finally {
            // the JUnit cleanup walks by path too; rm works level by level
            new ProcessBuilder("rm", "-rf", images.resolve(level).toString()).inheritIO().start().waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void inputNamesUpToTheLimitArePredictedAndATooLongOutputNameIsNamed() throws Exception {
        Path images = dir.resolve("long");
        String stem = "a".repeat(246); // 250 bytes with ".png": legal, its hidden temporary was not
        photo(images.resolve(stem + ".png"), 1);
        CommandRun r = run("predict", "--model", model().toString(), "--images", images.toString(), "--out",
                dir.resolve("o").toString(), "--formats", "trainid,color");
        assertEquals(PredictCommand.SOME_FAILED, r.code(), r.out() + r.err());
        assertTrue(Files.isRegularFile(dir.resolve("o/trainIds/" + stem + ".png")), r.out());
        // <stem>_color.png is 256 bytes: the output's name is the cause, not the input's
        assertTrue(r.out().contains(stem + "_color.png: its name is 256 bytes, over the 255-byte limit of a file name"),
                r.out());
        try (var files = Files.walk(dir.resolve("o"))) {
            assertEquals(0, files.filter(p -> p.getFileName().toString().endsWith(".part")).count());
        }
    }

    @Test
    void exitCodesFollowTheReadmeTable() throws Exception {
        Path root = cityscapes();
        Path model = model();
        // scoring was not asked for: a run without label outputs is done (0), and says why it is not scored
        CommandRun color = run("predict", "--model", model.toString(), "--cityscapes", root.toString(), "--out",
                dir.resolve("o1").toString(), "--formats", "color,overlay");
        assertEquals(0, color.code(), color.out() + color.err());
        assertTrue(color.out().contains("note: not scored: --formats [color, overlay] writes no label file"), color.out());
        CommandRun scoreColor = run("predict", "--model", model.toString(), "--cityscapes", root.toString(), "--out",
                dir.resolve("o2").toString(), "--formats", "color", "--score");
        assertEquals(2, scoreColor.code(), scoreColor.out() + scoreColor.err());
        assertTrue(scoreColor.err().contains("--score needs a label output"), scoreColor.err());
        // every image over the budget: exit 3 with ground truth as without
        CommandRun withGt = run("predict", "--model", model.toString(), "--cityscapes", root.toString(), "--out",
                dir.resolve("o3").toString(), "--max-pixels", "1x1");
        assertEquals(PredictCommand.SOME_FAILED, withGt.code(), withGt.out() + withGt.err());
        CommandRun withoutGt = run("predict", "--model", model.toString(), "--images", photos().toString(), "--out",
                dir.resolve("o4").toString(), "--max-pixels", "1x1");
        assertEquals(PredictCommand.SOME_FAILED, withoutGt.code(), withoutGt.out() + withoutGt.err());
        // a format list that names nothing is a usage error naming the option
        CommandRun comma = run("predict", "--model", model.toString(), "--cityscapes", root.toString(), "--out",
                dir.resolve("o5").toString(), "--formats", ",");
        assertEquals(2, comma.code(), comma.out() + comma.err());
        assertTrue(comma.err().contains("--formats") && comma.err().contains("names no output format"), comma.err());
        assertFalse(comma.err().contains("Exception"), comma.err());
    }

    @Test
    void trainAndSynthOnAnUnwritableOutputSayOneLineAndABadSetValueNamesTheOption() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CommandRun synth = run("synth", "--out", file.resolve("sub").toString());
        assertEquals(1, synth.code(), synth.out() + synth.err());
        assertTrue(synth.err().startsWith("adaptseg synth: --out " + file.resolve("sub") + ": cannot create the folder ("),
                synth.err());
        assertFalse(synth.err().contains("Exception"), synth.err());

        SynthGenerator.generate(new SynthConfig(3, 32, 64, 4, 2, 2, EnumSet.of(SynthDataset.GTA5, SynthDataset.CITYSCAPES), 1),
                dir.resolve("synth"), false, n -> { });
        Path cfg = Files.writeString(dir.resolve("c.yaml"), String.join("\n",
                "model: deeplabv2-tiny-multi", "method: source-only", "source-dataset: gta5",
                "data-dir: " + dir.resolve("synth/gta5"), "target-dataset: cityscapes",
                "data-dir-target: " + dir.resolve("synth/cityscapes"), "input-size: 64,32", "input-size-target: 64,32",
                "batch-size: 2", "num-workers: 1", "snapshot-dir: " + file.resolve("snap"), "num-steps: 2",
                "num-steps-stop: 2", "val-every: 0", ""));
        CommandRun train = run("train", "--config", cfg.toString());
        assertEquals(1, train.code(), train.out() + train.err());
        assertTrue(train.err().startsWith("adaptseg train: snapshot-dir " + file.resolve("snap") + ": cannot create the folder ("),
                train.err());
        assertFalse(train.err().contains("Exception"), train.err());

        CommandRun set = run("train", "--config", cfg.toString(), "--set", "num-steps=abc");
        assertEquals(1, set.code(), set.out() + set.err());
        assertTrue(set.err().contains("--set num-steps=abc: num-steps must be an integer, found 'abc'"), set.err());
        assertFalse(set.err().contains(cfg.toString()), set.err());
    }

    @Test
    void scoreRefusesAColourPictureAsALabelFileNamingIt() throws Exception {
        Path gt = dir.resolve("gt/a.png");
        Files.createDirectories(gt.getParent());
        PngCodec.writeLabels8(gt, LabelImage.filled(8, 8, 7));
        Path pred = dir.resolve("pred/a.png");
        Files.createDirectories(pred.getParent());
        // red 0 everywhere: read as channel 0 it would be a perfect road prediction
        byte[] rgb = new byte[8 * 8 * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i + 1] = (byte) 64;
            rgb[i + 2] = (byte) 128;
        }
        PngCodec.writeRgb(pred, new RgbImage(8, 8, rgb));
        CommandRun r = run("score", "--gt", gt.getParent().toString(), "--pred", pred.getParent().toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(pred + ": an RGB image, not a label map"), r.err());
    }
}
