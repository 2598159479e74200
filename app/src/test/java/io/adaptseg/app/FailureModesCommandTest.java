package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.synth.SynthConfig;
import io.adaptseg.synth.SynthDataset;
import io.adaptseg.synth.SynthGenerator;
import io.adaptseg.runtime.TestModels;
import io.adaptseg.train.checkpoint.Checkpoint;
import io.adaptseg.train.checkpoint.TrainingState;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.model.SegmenterRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failure modes of issue 16 through the command line: outputs that would destroy inputs,
 * outputs that cannot be written, diverged weights, leftovers of killed checkpoint writes, and the
 * usage errors that must exit 2. Every case checks the exit code and the one-line message.
 */
class FailureModesCommandTest {
    @TempDir
    Path dir;

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    private Path photos() throws Exception {
        Path images = dir.resolve("photos");
        for (int i = 0; i < 3; i++) {
            byte[] rgb = new byte[64 * 32 * 3];
            new java.util.Random(i).nextBytes(rgb);
            PngCodec.writeRgb(images.resolve("p" + i + ".png"), new RgbImage(64, 32, rgb));
        }
        return images;
    }

    @Test
    void predictNeverWritesIntoOrAroundItsInputFolder() throws Exception {
        Path images = photos();
        byte[] before = Files.readAllBytes(images.resolve("p1.png"));
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 1);
        CommandRun same = run("predict", "--model", model.toString(), "--images", images.toString(), "--out", images.toString());
        assertEquals(1, same.code(), same.err());
        assertEquals("adaptseg predict: --out " + images + " and --images " + images + " are the same folder: the outputs"
                + " would overwrite the inputs; choose another --out\n", same.err());
        CommandRun inside = run("predict", "--model", model.toString(), "--images", images.toString(), "--out",
                images.resolve("preds").toString());
        assertEquals(1, inside.code(), inside.err());
        assertTrue(inside.err().contains("lies inside --images " + images), inside.err());
        CommandRun around = run("predict", "--model", model.toString(), "--images", images.toString(), "--out", dir.toString());
        assertEquals(1, around.code(), around.err());
        assertTrue(around.err().contains("--images " + images + " lies inside --out " + dir), around.err());
        assertArrayEquals(before, Files.readAllBytes(images.resolve("p1.png")));
        assertFalse(Files.exists(images.resolve("preds")));
    }

    @Test
    void unwritableOutputsFailInTheFirstSecondWithOneLine() throws Exception {
        Path images = photos();
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 1);
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CommandRun outIsFile = run("predict", "--model", model.toString(), "--images", images.toString(), "--out", file.toString());
        assertEquals(1, outIsFile.code(), outIsFile.err());
        assertEquals("adaptseg predict: --out " + file + ": is a file, expected a folder\n", outIsFile.err());
        assertFalse(outIsFile.out().contains("predicted"), outIsFile.out());

        // score: the report path is checked before the pairs are even looked for
        CommandRun csvUnderFile = run("score", "--gt", images.toString(), "--pred", images.toString(), "--csv",
                file.resolve("s.csv").toString());
        assertEquals(1, csvUnderFile.code(), csvUnderFile.err());
        assertTrue(csvUnderFile.err().startsWith("adaptseg score: --csv " + file.resolve("s.csv") + ": " + file
                + " is a file, not a folder"), csvUnderFile.err());
        assertFalse(csvUnderFile.out().contains("scoring"), csvUnderFile.out());
        // export: before the checkpoint is even read
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        CommandRun proc = run("score", "--gt", images.toString(), "--pred", images.toString(), "--json", "/proc/s.json");
        assertEquals(1, proc.code(), proc.err());
        assertTrue(proc.err().startsWith("adaptseg score: --json /proc/s.json: cannot write there ("), proc.err());
        assertEquals(1, proc.err().lines().count(), proc.err());
        CommandRun export = run("export", "--checkpoint", dir.resolve("none").toString(), "--out", "/proc/m.onnx");
        assertEquals(1, export.code(), export.err());
        assertTrue(export.err().startsWith("adaptseg export: --out /proc/m.onnx: cannot write there ("), export.err());
    }

    @Test
    void optionsThatWouldBeIgnoredOrMisreadAreUsageErrors() throws Exception {
        CommandRun noEquals = run("train", "--config", dir.resolve("c.yaml").toString(), "--set", "learning-rate");
        assertEquals(2, noEquals.code(), noEquals.err());
        assertTrue(noEquals.err().contains("--set expects KEY=VALUE, found 'learning-rate' (no '=')"), noEquals.err());
        CommandRun noKey = run("anchors", "--checkpoint", "x", "--config", "y", "--set", "=3");
        assertEquals(2, noKey.code(), noKey.err());

        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 1);
        CommandRun library = run("predict", "--model", model.toString(), "--images", photos().toString(), "--out",
                dir.resolve("out").toString(), "--ort-library", "/usr/lib/libonnxruntime.so");
        assertEquals(2, library.code(), library.err());
        assertTrue(library.err().contains("--ort-library goes with --backend native"), library.err());
        CommandRun pixels = run("predict", "--model", model.toString(), "--images", photos().toString(), "--out",
                dir.resolve("out").toString(), "--max-pixels", "lots");
        assertEquals(2, pixels.code(), pixels.err());

        CommandRun split = run("predict", "--model", model.toString(), "--cityscapes", dir.toString(), "--split", "../../etc",
                "--out", dir.resolve("out").toString());
        assertEquals(2, split.code(), split.err());
        assertTrue(split.err().contains("--split: must be a folder name such as val"), split.err());
        CommandRun folderModel = run("predict", "--model", dir.toString(), "--images", photos().toString(), "--out",
                dir.resolve("out").toString());
        assertEquals(1, folderModel.code(), folderModel.err());
        assertEquals("adaptseg predict: " + dir + ": is a folder, expected an ONNX model file\n", folderModel.err());

        Path empty = Files.write(dir.resolve("empty.onnx"), new byte[0]);
        CommandRun emptyModel = run("predict", "--model", empty.toString(), "--images", photos().toString(), "--out",
                dir.resolve("out").toString());
        assertEquals(1, emptyModel.code(), emptyModel.err());
        assertEquals("adaptseg predict: " + empty + ": the model file is empty (0 bytes); export it again\n", emptyModel.err());
    }

    @Test
    void predictFailsAnImageOverThePixelBudgetAndFinishesTheRest() throws Exception {
        Path images = photos();
        byte[] png = Files.readAllBytes(images.resolve("p0.png"));
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(png);
        b.putInt(16, 20000).putInt(20, 20000);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(png, 12, 17);
        b.putInt(29, (int) crc.getValue());
        Files.write(images.resolve("bomb.png"), png);
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 1);
        CommandRun r = run("predict", "--model", model.toString(), "--images", images.toString(), "--out",
                dir.resolve("out").toString(), "--max-pixels", "4096x4096");
        assertEquals(PredictCommand.SOME_FAILED, r.code(), r.err());
        assertTrue(r.out().contains("predicted 3 images"), r.out());
        assertTrue(r.out().contains("bomb.png: image too large: the PNG header says 20000x20000 (400000000 pixels), over the"
                + " budget of 16777216 pixels"), r.out());
    }

    @Test
    void exportRefusesACheckpointWithNonFiniteWeightsNamingTheTensor() throws Exception {
        Path ckpt;
        String victim;
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Segmenter s = SegmenterRegistry.create("deeplabv2-tiny-clan", 19);
            s.initialize(manager);
            ckpt = Checkpoint.write(dir.resolve("snap"), new TrainingState(6, Map.of(), Double.NaN, -1), Map.of("G", s.block()),
                    Map.of(), "model: deeplabv2-tiny-clan\nlabel-set: cityscapes19\nmethod: advnet\ninput-size-target: 96,64\ndata-dir: data/gta5\n",
                    List.of());
            // an older adaptseg saved running statistics that had overflowed
            Path npz = ckpt.resolve("networks/G.npz");
            NDList arrays;
            try (InputStream in = Files.newInputStream(npz)) {
                arrays = NDList.decode(manager, in);
            }
            int index = 0;
            while (!arrays.get(index).getName().endsWith("running_var")) {
                index++;
            }
            NDArray old = arrays.get(index);
            victim = old.getName();
            NDArray inf = manager.full(old.getShape(), Float.POSITIVE_INFINITY);
            inf.setName(victim);
            arrays.set(index, inf);
            try (OutputStream out = Files.newOutputStream(npz)) {
                arrays.encode(out, NDList.Encoding.NPZ);
            }
        }
        Path model = dir.resolve("m.onnx");
        CommandRun r = run("export", "--checkpoint", ckpt.toString(), "--out", model.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains(ckpt.resolve("networks/G.npz") + ": " + victim + " has "), r.err());
        assertTrue(r.err().contains("values non-finite (first Infinity)"), r.err());
        assertFalse(Files.exists(model));
    }

    @Test
    void divergedTrainingKeepsOnlyFiniteCheckpointsAndCleansKilledWrites() throws Exception {
        SynthGenerator.generate(new SynthConfig(3, 32, 64, 6, 2, 2, EnumSet.of(SynthDataset.GTA5, SynthDataset.CITYSCAPES), 2),
                dir.resolve("synth"), false, n -> { });
        Path snap = dir.resolve("snap");
        Path stale = Files.createDirectories(snap.resolve(".iter_00000002.4242424242/networks"));
        Files.writeString(stale.resolve("G.npz"), "cut off by kill -9");
        Path cfg = Files.writeString(dir.resolve("lr.yaml"), String.join("\n",
                "model: deeplabv2-tiny-multi", "method: source-only", "source-dataset: gta5",
                "data-dir: " + dir.resolve("synth/gta5"), "target-dataset: cityscapes",
                "data-dir-target: " + dir.resolve("synth/cityscapes"), "input-size: 64,32", "input-size-target: 64,32",
                "batch-size: 2", "num-workers: 1", "snapshot-dir: " + snap, "learning-rate: 1.0e8", "num-steps: 16",
                "num-steps-stop: 16", "save-pred-every: 2", "log-every: 1", "val-every: 0", ""));
        CommandRun r = run("train", "--config", cfg.toString());
        assertTrue(r.out().contains("removed 1 temporary checkpoint folders of an interrupted run in " + snap), r.out());
        assertFalse(Files.exists(stale.getParent()));
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("training stopped"), r.err());
        // every checkpoint that exists is finite, including the one the message calls the last good one
        try (Stream<Path> s = Files.list(snap); NDManager manager = NDManager.newBaseManager("PyTorch")) {
            for (Path c : s.filter(p -> p.getFileName().toString().startsWith("iter_")).toList()) {
                try (InputStream in = Files.newInputStream(c.resolve("networks/G.npz"))) {
                    for (NDArray a : NDList.decode(manager, in)) {
                        for (float v : a.toFloatArray()) {
                            assertTrue(Float.isFinite(v), c + " " + a.getName() + " holds " + v);
                        }
                    }
                }
                assertTrue(r.err().contains(c.toString()) || !c.equals(newest(snap)), r.err());
            }
        }
    }

    private static Path newest(Path snap) throws Exception {
        try (Stream<Path> s = Files.list(snap)) {
            return s.filter(p -> p.getFileName().toString().startsWith("iter_")).max(Path::compareTo).orElse(null);
        }
    }
}
