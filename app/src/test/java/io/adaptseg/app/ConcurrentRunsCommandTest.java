package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.core.io.FolderLock;
import io.adaptseg.runtime.TestModels;
import io.adaptseg.synth.SynthConfig;
import io.adaptseg.synth.SynthDataset;
import io.adaptseg.synth.SynthGenerator;
import io.adaptseg.train.checkpoint.Checkpoint;
import io.adaptseg.train.checkpoint.TrainingState;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.model.SegmenterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 30, items 1 to 4, through the command line: a folder in use by another run, outputs that are
 * inputs, what a killed export leaves, and resuming from a copied snapshot folder.
 */
class ConcurrentRunsCommandTest {
    @TempDir
    Path dir;

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    private Path photos(String name) throws Exception {
        Path images = dir.resolve(name);
        for (int i = 0; i < 2; i++) {
            byte[] rgb = new byte[64 * 32 * 3];
            new java.util.Random(i).nextBytes(rgb);
            PngCodec.writeRgb(images.resolve("p" + i + ".png"), new RgbImage(64, 32, rgb));
        }
        return images;
    }

    /** A checkpoint of the tiny CLAN network, as training writes it. */
    private Path checkpoint() throws Exception {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Segmenter s = SegmenterRegistry.create("deeplabv2-tiny-clan", 19);
            s.initialize(manager);
            return Checkpoint.write(dir.resolve("snap"), new TrainingState(6, Map.of(), Double.NaN, -1),
                    Map.of("G", s.block()), Map.of(), "model: deeplabv2-tiny-clan\nlabel-set: cityscapes19\nmethod: advnet\n"
                            + "input-size-target: 96,64\ndata-dir: data/gta5\n", List.of());
        }
    }

    private static void assertOneLine(CommandRun r) {
        assertEquals(1, r.code(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void aFolderInUseStopsPredictTrainAndSynthWithOneLineAndKeepsTheLiveRunsTemporaries() throws Exception {
        Path images = photos("photos");
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 1);
        Path out = dir.resolve("out");
        Path live = Files.createDirectories(out).resolve(".p0_trainIds.png.4242.part");
        Files.writeString(live, "being written by the other run");
        String holder = "pid " + ProcessHandle.current().pid() + " on host ";
        try (FolderLock other = FolderLock.acquire(out, "--out")) {
            CommandRun second = run("predict", "--model", model.toString(), "--images", images.toString(), "--out", out.toString());
            assertOneLine(second);
            assertTrue(second.err().startsWith("adaptseg predict: --out " + out + " is in use by another run (" + holder),
                    second.err());
            assertTrue(Files.exists(live), "the second run deleted the live run's temporary file");
            assertFalse(second.out().contains("predicted"), second.out());

            CommandRun synth = run("synth", "--out", out.toString(), "--source-count", "1", "--target-train", "1",
                    "--target-val", "0");
            assertOneLine(synth);
            assertTrue(synth.err().startsWith("adaptseg synth: --out " + out + " is in use by another run (" + holder),
                    synth.err());

            Path cfg = Files.writeString(dir.resolve("t.yaml"), String.join("\n", "model: deeplabv2-tiny-multi",
                    "method: source-only", "source-dataset: gta5", "data-dir: " + dir.resolve("none"),
                    "input-size: 64,32", "snapshot-dir: " + out, "num-steps: 2", "num-steps-stop: 2", ""));
            CommandRun train = run("train", "--config", cfg.toString());
            assertOneLine(train);
            assertTrue(train.err().startsWith("adaptseg train: snapshot-dir " + out + " is in use by another run (" + holder),
                    train.err());
        }
        // the holder ended: the folder is free, and its leftover is now an interrupted run's
        CommandRun after = run("predict", "--model", model.toString(), "--images", images.toString(), "--out", out.toString());
        assertEquals(0, after.code(), after.err());
        assertTrue(after.out().contains("removed 1 temporary files of an interrupted run"), after.out());
        assertFalse(Files.exists(out.resolve(FolderLock.FILE)), "the lock file goes with the run");
    }

    @Test
    void exportAndScoreRefuseAnOutputThatIsOrLiesInAnInputLinksResolved() throws Exception {
        Path ckpt = checkpoint();
        Path weights = ckpt.resolve("networks/G.npz");
        byte[] before = Files.readAllBytes(weights);
        CommandRun inside = run("export", "--checkpoint", ckpt.toString(), "--out", weights.toString());
        assertOneLine(inside);
        assertEquals("adaptseg export: --out " + weights + " lies inside --checkpoint " + ckpt + ": writing it would"
                + " change the input; choose an --out outside it\n", inside.err());

        Path link = Files.createSymbolicLink(dir.resolve("link"), ckpt.getParent());
        Path viaLink = link.resolve(ckpt.getFileName()).resolve("networks/new.onnx");
        CommandRun linked = run("export", "--checkpoint", ckpt.getParent().toString(), "--out", viaLink.toString());
        assertOneLine(linked);
        assertTrue(linked.err().contains("lies inside --checkpoint " + ckpt.getParent()), linked.err());
        assertFalse(Files.exists(viaLink));

        Path copy = Files.copy(weights, dir.resolve("w.npz"));
        CommandRun same = run("export", "--weights", copy.toString(), "--architecture", "deeplabv2-tiny-clan", "--out",
                copy.toString());
        assertOneLine(same);
        assertEquals("adaptseg export: --out " + copy + " is --weights " + copy + ": writing it would replace the input;"
                + " choose another --out\n", same.err());
        assertArrayEquals(before, Files.readAllBytes(weights));
        assertArrayEquals(before, Files.readAllBytes(copy));

        Path gt = photos("gt");
        Path pred = photos("pred");
        byte[] label = Files.readAllBytes(gt.resolve("p0.png"));
        CommandRun json = run("score", "--gt", gt.toString(), "--pred", pred.toString(), "--json", gt.resolve("p0.png").toString());
        assertOneLine(json);
        assertTrue(json.err().startsWith("adaptseg score: --json " + gt.resolve("p0.png") + " lies inside --gt " + gt
                + ": writing it would change the input"), json.err());
        assertArrayEquals(label, Files.readAllBytes(gt.resolve("p0.png")));
        Path plot = dir.resolve("pred-link");
        Files.createSymbolicLink(plot, pred);
        CommandRun chart = run("score", "--gt", gt.toString(), "--pred", pred.toString(), "--plot", plot.resolve("chart.png").toString());
        assertOneLine(chart);
        assertTrue(chart.err().contains("lies inside --pred " + pred), chart.err());
        assertFalse(Files.exists(pred.resolve("chart.png")));
    }

    @Test
    void aKilledExportsParityFolderIsRemovedByTheNextAndALiveOnesIsKept() throws Exception {
        Path ckpt = checkpoint();
        Path models = Files.createDirectories(dir.resolve("models"));
        // what kill -9 three seconds into an export leaves: the scratch folder with a model-sized file
        Path killed = Files.createDirectories(models.resolve(".export-parity-8151419/"));
        Files.write(killed.resolve("model.onnx"), new byte[1 << 20]);
        Path live = Files.createDirectories(models.resolve(".export-parity-9000000/"));
        Files.write(live.resolve("model.onnx"), new byte[16]);
        try (FolderLock liveExport = FolderLock.acquire(live, "scratch")) {
            CommandRun export = run("export", "--checkpoint", ckpt.toString(), "--out", models.resolve("m.onnx").toString());
            assertEquals(0, export.code(), export.out() + export.err());
            assertTrue(export.out().contains("removed 1 temporary parity folders of an interrupted export in "), export.out());
            assertFalse(Files.exists(killed), "a killed export's scratch folder stays");
            assertTrue(Files.exists(live.resolve("model.onnx")), "a live export's scratch folder was deleted");
        }
        try (Stream<Path> files = Files.list(models)) {
            assertEquals(List.of(live.getFileName().toString(), "m.onnx"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void resumingFromACopiedSnapshotFolderContinuesInTheCopy() throws Exception {
        SynthGenerator.generate(new SynthConfig(3, 32, 64, 4, 2, 1, EnumSet.of(SynthDataset.GTA5, SynthDataset.CITYSCAPES), 1),
                dir.resolve("synth"), false, n -> { });
        Path snapA = dir.resolve("snapA");
        Path cfg = Files.writeString(dir.resolve("r.yaml"), String.join("\n", "model: deeplabv2-tiny-multi",
                "method: source-only", "source-dataset: gta5", "data-dir: " + dir.resolve("synth/gta5"),
                "target-dataset: cityscapes", "data-dir-target: " + dir.resolve("synth/cityscapes"), "input-size: 64,32",
                "input-size-target: 64,32", "batch-size: 1", "num-workers: 1", "snapshot-dir: " + snapA,
                "num-steps: 6", "num-steps-stop: 2", "save-pred-every: 2", "log-every: 1", "val-every: 0", ""));
        CommandRun first = run("train", "--config", cfg.toString());
        assertEquals(0, first.code(), first.out() + first.err());
        Path snapB = dir.resolve("snapB");
        copyTree(snapA, snapB);
        List<String> original = names(snapA);

        CommandRun resumed = run("train", "--resume-from", snapB.toString(), "--set", "num-steps-stop=4");
        assertEquals(0, resumed.code(), resumed.out() + resumed.err());
        assertTrue(resumed.out().contains("checkpoints in " + snapB), resumed.out());
        assertTrue(Files.isDirectory(snapB.resolve("iter_00000004")), names(snapB).toString());
        assertEquals(original, names(snapA), "the original snapshot folder was written into");

        CommandRun fromCheckpoint = run("train", "--resume-from", snapB.resolve("iter_00000004").toString(), "--set",
                "num-steps-stop=6", "--set", "snapshot-dir=" + dir.resolve("snapC"));
        assertEquals(0, fromCheckpoint.code(), fromCheckpoint.out() + fromCheckpoint.err());
        assertTrue(Files.isDirectory(dir.resolve("snapC/iter_00000006")), "--set snapshot-dir= must still win");
        assertFalse(Files.exists(snapB.resolve("iter_00000006")));
        assertEquals(original, names(snapA));
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
