package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.export.onnx.OnnxModels;
import io.adaptseg.synth.SynthConfig;
import io.adaptseg.synth.SynthDataset;
import io.adaptseg.synth.SynthGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code adaptseg export --int8} on a tiny model trained here on synthetic data: it passes the int8
 * thresholds on real images, records its calibration, {@code parity} and {@code info} read it back; bad
 * option combinations are usage errors naming the options.
 */
class ExportInt8CommandTest {
    @TempDir
    static Path dir;
    private static Path checkpoint;

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @BeforeAll
    static void train() throws Exception {
        SynthGenerator.generate(new SynthConfig(5, 32, 64, 8, 6, 4, EnumSet.of(SynthDataset.GTA5,
                SynthDataset.CITYSCAPES), 2), dir.resolve("synth"), false, n -> { });
        Path config = dir.resolve("train.yaml");
        Files.writeString(config, String.join("\n", "model: deeplabv2-tiny-multi", "method: source-only",
                "source-dataset: gta5", "data-dir: " + dir.resolve("synth/gta5"), "target-dataset: cityscapes",
                "data-dir-target: " + dir.resolve("synth/cityscapes"), "input-size: 64,32", "input-size-target: 64,32",
                "batch-size: 2", "num-workers: 1", "snapshot-dir: " + dir.resolve("snap"), "learning-rate: 1.0e-2",
                "num-steps: 20", "num-steps-stop: 20", "save-pred-every: 20", "log-every: 20", "val-every: 0", ""));
        CommandRun train = run("train", "--config", config.toString());
        assertEquals(0, train.code(), train.out() + train.err());
        try (var files = Files.list(dir.resolve("snap"))) {
            checkpoint = files.filter(p -> p.getFileName().toString().startsWith("iter_")).findFirst().orElseThrow();
        }
    }

    @Test
    void aTrainedTinyModelPassesTheInt8ThresholdsAndSaysHowItWasCalibrated() throws Exception {
        Path model = dir.resolve("m8.onnx");
        Path cityscapes = dir.resolve("synth/cityscapes");
        CommandRun export = run("export", "--checkpoint", checkpoint.toString(), "--out", model.toString(), "--int8",
                "--calibration", cityscapes.toString(), "--calibration-images", "4", "--data", cityscapes.toString());
        assertEquals(0, export.code(), export.out() + export.err());
        assertTrue(export.out().contains("int8: percentile calibration (99.99th percentile of |x|) on 4 images, uint8"
                + " activations"), export.out());
        String[] lines = export.out().strip().split("\n");
        assertTrue(lines[lines.length - 1].matches("parity passed, int8: agreement \\d+\\.\\d+ % \\(threshold 97 %\\),"
                + " max \\|dlogit\\| .+ on 4 images 32x64 \\+ 4 images \\(cityscapes/val\\) against the float32 model"
                + " \\(itself against the network: agreement \\d+\\.\\d+ %, max \\|dlogit\\| .+ on random 1x3x32x64"
                + " \\+ 4 images \\(cityscapes/val\\)\\)"), export.out());
        Map<String, String> metadata = OnnxModels.metadata(OnnxModels.read(model));
        assertEquals("int8", metadata.get("adaptseg.parity.precision"));
        assertTrue(metadata.get("adaptseg.int8").startsWith("method=percentile percentile=99.99 images=4"
                + " activations=uint8 int8_convs="), metadata.get("adaptseg.int8"));

        CommandRun parity = run("parity", "--checkpoint", checkpoint.toString(), "--model", model.toString(), "--data",
                cityscapes.toString(), "--sizes", "64x32");
        assertEquals(0, parity.code(), parity.out() + parity.err());
        assertTrue(parity.out().contains("(int8, heads [main])") && parity.out().contains("(not judged)"), parity.out());
        CommandRun noData = run("parity", "--checkpoint", checkpoint.toString(), "--model", model.toString());
        assertEquals(2, noData.code());
        assertTrue(noData.err().contains("an int8 model is judged on real images"), noData.err());

        CommandRun info = run("info", "--model", model.toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("int8: percentile calibration") && info.out().contains("parity at export: int8:"),
                info.out());

        // the float32 export and the int8 one side by side in one benchmark run
        Path float32 = dir.resolve("m32.onnx");
        assertEquals(0, run("export", "--checkpoint", checkpoint.toString(), "--out", float32.toString(), "--no-parity")
                .code());
        CommandRun bench = run("bench", "runtime", "--model", float32.toString(), "--compare", model.toString(), "--backend",
                "java", "--iterations", "1", "--warmup", "0");
        assertEquals(0, bench.code(), bench.out() + bench.err());
        assertTrue(bench.out().contains(float32 + ":") && bench.out().contains(model + ":"), bench.out());
        assertTrue(bench.out().strip().lines().toList().getLast()
                .matches("m8\\.onnx / m32\\.onnx model-only p50 speed-up \\(java\\): \\d+\\.\\d\\d"), bench.out());
        CommandRun versus = run("bench", "runtime", "--versus-pytorch", "--checkpoint", checkpoint.toString(), "--compare",
                model.toString());
        assertEquals(2, versus.code());
        assertTrue(versus.err().contains("--compare goes with --model, not --versus-pytorch"), versus.err());
    }

    @Test
    void badCombinationsNameTheOptions() throws Exception {
        String out = dir.resolve("bad.onnx").toString();
        String ckpt = checkpoint.toString();
        CommandRun noCalibration = run("export", "--checkpoint", ckpt, "--out", out, "--int8");
        assertEquals(2, noCalibration.code());
        assertTrue(noCalibration.err().contains("--int8 needs --calibration DIR"), noCalibration.err());
        CommandRun both = run("export", "--checkpoint", ckpt, "--out", out, "--int8", "--fp16", "--calibration", dir.toString());
        assertEquals(2, both.code());
        assertTrue(both.err().contains("--int8 and --fp16 exclude each other"), both.err());
        CommandRun alone = run("export", "--checkpoint", ckpt, "--out", out, "--calibration-method", "entropy");
        assertEquals(2, alone.code());
        assertTrue(alone.err().contains("--calibration-method goes with --int8"), alone.err());
        CommandRun method = run("export", "--checkpoint", ckpt, "--out", out, "--int8", "--calibration", dir.toString(),
                "--calibration-method", "kl");
        assertEquals(2, method.code());
        assertTrue(method.err().contains("--calibration-method: unknown calibration method 'kl'"), method.err());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CommandRun none = run("export", "--checkpoint", ckpt, "--out", out, "--int8", "--calibration", empty.toString());
        assertEquals(1, none.code());
        assertTrue(none.err().contains("--calibration " + empty + ": no PNG images in"), none.err());
        assertFalse(Files.exists(Path.of(out)));
    }
}
