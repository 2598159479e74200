package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.adaptseg.synth.SynthConfig;
import io.adaptseg.synth.SynthDataset;
import io.adaptseg.synth.SynthGenerator;
import io.adaptseg.train.checkpoint.Checkpoint;
import io.adaptseg.train.config.TrainConfig;
import io.adaptseg.train.device.TorchBuild;
import io.adaptseg.train.method.AdaptationMethod;
import io.adaptseg.train.run.TrainingRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on a real GPU, for a machine that has one (skipped, saying so, everywhere else; no machine of
 * this project has a CUDA device): AdvNet trains on {@code gpu:0} with every parameter there, the run
 * resumes on the GPU and on the CPU, and its checkpoint exports with parity on the CPU and on the GPU.
 * Run it with a CUDA build: {@code ./mvn25 test -pl app -am -Dtest=GpuTrainingTest}.
 */
class GpuTrainingTest {
    @TempDir
    static Path dir;

    private static void data() throws Exception {
        SynthGenerator.generate(new SynthConfig(7, 32, 64, 4, 4, 2, EnumSet.of(SynthDataset.GTA5, SynthDataset.CITYSCAPES), 2),
                dir.resolve("synth"), false, n -> { });
    }

    private static Path config() throws Exception {
        return Files.writeString(dir.resolve("gpu.yaml"), String.join("\n", "model: deeplabv2-tiny-multi", "method: advnet",
                "source-dataset: gta5", "data-dir: " + dir.resolve("synth/gta5"), "target-dataset: cityscapes",
                "data-dir-target: " + dir.resolve("synth/cityscapes"), "input-size: 64,32", "input-size-target: 64,32",
                "batch-size: 2", "num-workers: 1", "snapshot-dir: " + dir.resolve("snap"), "num-steps: 6",
                "num-steps-stop: 2", "save-pred-every: 1", "log-every: 1", "discriminator-width: 8", "val-every: 2",
                "device: gpu:0", ""));
    }

    @Test
    void trainsOnTheGpuResumesOnBothAndExportsOnBoth() throws Exception {
        assumeTrue(!TorchBuild.ofThisProcess().gpus().isEmpty(), "needs a CUDA device; this machine's libtorch sees none");
        data();
        Path cfg = config();
        TrainingRun run = TrainingRun.prepare(TrainConfig.read(cfg, List.of()));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        try (NDManager root = run.newRootManager(); AdaptationMethod method = run.createMethod(root, true, quiet)) {
            assertEquals(Device.gpu(0), method.device());
            run.train(method, Optional.empty(), quiet, quiet, false);
            method.networks().forEach((name, block) -> block.getParameters().values().forEach(p ->
                    assertEquals(Device.gpu(0), p.getArray().getDevice(), name + " " + p.getName())));
        }
        Path snapshots = dir.resolve("snap");
        assertTrue(Files.readString(Checkpoint.resolve(snapshots).resolve(Checkpoint.CONFIG_FILE)).contains("device: gpu:0"));
        CommandRun onGpu = CommandRun.of("train", "--resume-from", snapshots.toString(), "--set", "num-steps-stop=3");
        assertEquals(0, onGpu.code(), onGpu.err());
        CommandRun onCpu = CommandRun.of("train", "--resume-from", snapshots.toString(), "--set", "num-steps-stop=4",
                "--device", "cpu");
        assertEquals(0, onCpu.code(), onCpu.err());
        assertTrue(onCpu.out().contains("at iteration 3"), onCpu.out());
        for (String device : List.of("cpu", "gpu:0")) {
            Path model = dir.resolve("model-" + device.replace(':', '-') + ".onnx");
            CommandRun export = CommandRun.of("export", "--checkpoint", snapshots.toString(), "--out", model.toString(),
                    "--device", device);
            assertEquals(0, export.code(), device + ": " + export.out() + export.err());
        }
        CommandRun doctor = CommandRun.of("doctor");
        assertTrue(doctor.out().contains("gpu numerics self-check: gpu:0: PASSED"), doctor.out());
    }
}
