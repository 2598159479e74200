package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.train.checkpoint.Checkpoint;
import io.adaptseg.train.checkpoint.TrainingState;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.model.SegmenterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 30, item 5: {@code export --weights} on adaptseg's own {@code networks/G.npz} must build the network
 * its checkpoint trained (four ASPP branches, half-pixel logits, bilinear input resize here), not the
 * reference variant, so that it predicts exactly what {@code export --checkpoint} of the same checkpoint does.
 */
class OwnWeightsExportCommandTest {
    @TempDir
    Path dir;

    private Path checkpoint() throws Exception {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Segmenter s = SegmenterRegistry.create("deeplabv2-tiny-multi", 19);
            s.initialize(manager);
            // every branch and head given weights of its own, as training would leave them
            Random random = new Random(7);
            s.parameters().forEach((name, p) -> {
                if (name.endsWith("weight") && p.getArray().getShape().dimension() == 4) {
                    float[] v = p.getArray().toFloatArray();
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (float) (random.nextGaussian() * 0.2);
                    }
                    p.getArray().set(v);
                }
            });
            return Checkpoint.write(dir.resolve("snap"), new TrainingState(2, Map.of(), Double.NaN, -1),
                    Map.of("G", s.block()), Map.of(), String.join("\n", "model: deeplabv2-tiny-multi",
                            "label-set: cityscapes19", "method: source-only", "input-size-target: 64,32",
                            "data-dir: data/gta5", "aspp-branches: 4", "logits-upsampling: half_pixel",
                            "image-resize: bilinear", ""), List.of());
        }
    }

    private Path photos() throws Exception {
        Path images = Files.createDirectories(dir.resolve("photos"));
        for (int i = 0; i < 3; i++) {
            byte[] rgb = new byte[80 * 48 * 3];
            new Random(i).nextBytes(rgb);
            PngCodec.writeRgb(images.resolve("p" + i + ".png"), new RgbImage(80, 48, rgb));
        }
        return images;
    }

    @Test
    void ownWeightsExportAsTheirCheckpointAndPredictTheSameLabels() throws Exception {
        Path ckpt = checkpoint();
        Path images = photos();
        Path fromCheckpoint = dir.resolve("ckpt.onnx");
        Path fromWeights = dir.resolve("weights.onnx");
        CommandRun a = CommandRun.of("export", "--checkpoint", ckpt.toString(), "--out", fromCheckpoint.toString());
        assertEquals(0, a.code(), a.out() + a.err());
        CommandRun b = CommandRun.of("export", "--weights", ckpt.resolve("networks/G.npz").toString(), "--architecture",
                "deeplabv2-tiny-multi", "--names", "ours", "--out", fromWeights.toString());
        assertEquals(0, b.code(), b.out() + b.err());
        for (Path model : List.of(fromCheckpoint, fromWeights)) {
            CommandRun p = CommandRun.of("predict", "--model", model.toString(), "--images", images.toString(), "--out",
                    dir.resolve("out-" + model.getFileName()).toString());
            assertEquals(0, p.code(), p.out() + p.err());
        }
        for (int i = 0; i < 3; i++) {
            int[] want = PngCodec.readLabels(dir.resolve("out-ckpt.onnx/trainIds/p" + i + ".png")).values();
            int[] have = PngCodec.readLabels(dir.resolve("out-weights.onnx/trainIds/p" + i + ".png")).values();
            assertArrayEquals(want, have, "labels of p" + i + ".png");
        }
        assertTrue(b.out().contains("is the segmenter of checkpoint " + ckpt.toRealPath()), b.out());
        // parity --weights compares against the checkpoint's network too
        CommandRun parity = CommandRun.of("parity", "--weights", ckpt.resolve("networks/G.npz").toString(), "--model",
                fromWeights.toString(), "--sizes", "64x32", "--report", dir.resolve("parity.json").toString());
        assertEquals(0, parity.code(), parity.out() + parity.err());
    }

    @Test
    void ownWeightsAwayFromTheirCheckpointOrAnotherNetworkAreRefusedPointingToTheCheckpoint() throws Exception {
        Path ckpt = checkpoint();
        Path copy = dir.resolve("G.npz");
        Files.copy(ckpt.resolve("networks/G.npz"), copy);
        Path out = dir.resolve("m.onnx");
        CommandRun r = CommandRun.of("export", "--weights", copy.toString(), "--architecture", "deeplabv2-tiny-multi",
                "--names", "ours", "--out", out.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(copy + ": has adaptseg's own parameter names") && r.err().contains("--checkpoint DIR"),
                r.err());
        assertFalse(Files.exists(out));
        CommandRun arch = CommandRun.of("export", "--weights", ckpt.resolve("networks/G.npz").toString(),
                "--architecture", "deeplabv2-tiny-clan", "--out", out.toString());
        assertEquals(1, arch.code(), arch.out() + arch.err());
        assertTrue(arch.err().contains("as deeplabv2-tiny-multi, not deeplabv2-tiny-clan"), arch.err());
        Files.copy(copy, ckpt.resolve("networks/D1.npz"));
        CommandRun d1 = CommandRun.of("export", "--weights", ckpt.resolve("networks/D1.npz").toString(),
                "--architecture", "deeplabv2-tiny-multi", "--out", out.toString());
        assertEquals(1, d1.code(), d1.out() + d1.err());
        assertTrue(d1.err().contains("network D1 of checkpoint"), d1.err());
    }
}
