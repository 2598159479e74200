package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.adaptseg.synth.SynthConfig;
import io.adaptseg.synth.SynthDataset;
import io.adaptseg.synth.SynthGenerator;
import io.adaptseg.train.checkpoint.Checkpoint;
import io.adaptseg.train.device.TorchBuild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --device} and the {@code device} key through the real commands: a GPU that this machine does not
 * have is one line and exit 1 from train, export, parity and bench train before any data is read or any
 * folder written; a bad spelling is a usage error; a checkpoint whose config says {@code gpu:0} (as one
 * trained on a GPU does) resumes with {@code --device cpu} and exports on the CPU without being told.
 * The refusals need a machine without CUDA devices; on a GPU machine those tests are skipped.
 */
class DeviceCommandTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void generate() throws Exception {
        SynthGenerator.generate(new SynthConfig(5, 32, 64, 4, 4, 2, EnumSet.of(SynthDataset.GTA5, SynthDataset.CITYSCAPES), 2),
                dir.resolve("synth"), false, n -> { });
    }

    private static boolean noGpu() {
        return TorchBuild.ofThisProcess().gpus().isEmpty();
    }

    private static Path config(String name, Path dataDir, Path snapshots) throws Exception {
        return Files.writeString(dir.resolve(name + ".yaml"), String.join("\n", "model: deeplabv2-tiny-multi",
                "method: source-only", "source-dataset: gta5", "data-dir: " + dataDir, "target-dataset: cityscapes",
                "data-dir-target: " + dir.resolve("synth/cityscapes"), "input-size: 64,32", "input-size-target: 64,32",
                "batch-size: 2", "num-workers: 1", "snapshot-dir: " + snapshots, "num-steps: 4", "num-steps-stop: 1",
                "save-pred-every: 1", "log-every: 1", ""));
    }

    private static List<Path> listing(Path folder) throws Exception {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.sorted().toList();
        }
    }

    private static void refusedInOneLine(CommandRun run, String start) {
        assertEquals(1, run.code(), run.out() + run.err());
        assertEquals("", run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith(start), run.err());
        assertTrue(run.err().contains("asks for a GPU, but libtorch ") && run.err().contains("use device cpu (--device cpu)"),
                run.err());
    }

    @Test
    void trainRefusesAMissingGpuBeforeReadingDataOrWritingAFolder() throws Exception {
        assumeTrue(noGpu(), "this machine has a CUDA device");
        // the data folder does not exist: had train looked at the data first, it would have said so
        Path snapshots = dir.resolve("never-written");
        Path cfg = config("gpu", dir.resolve("no-such-data"), snapshots);
        List<Path> before = listing(dir);
        refusedInOneLine(CommandRun.of("train", "--config", cfg.toString(), "--set", "device=gpu:0"),
                "adaptseg train: " + cfg + ": device gpu:0 asks for a GPU");
        refusedInOneLine(CommandRun.of("train", "--config", cfg.toString(), "--device", "gpu:3"),
                "adaptseg train: " + cfg + ": device gpu:3 asks for a GPU");
        refusedInOneLine(CommandRun.of("train", "--config", cfg.toString(), "--device", "gpu", "--stages", "1",
                "--set", "method=cag"), "adaptseg train: " + cfg + ": device gpu:0 asks for a GPU");
        assertEquals(before, listing(dir), "nothing written");
        assertFalse(Files.exists(snapshots));
    }

    @Test
    void exportParityAndBenchTrainRefuseAMissingGpuFirst() throws Exception {
        assumeTrue(noGpu(), "this machine has a CUDA device");
        List<Path> before = listing(dir);
        // a checkpoint and a model that do not exist: the device is judged before either is read
        refusedInOneLine(CommandRun.of("export", "--checkpoint", dir.resolve("none").toString(), "--out",
                dir.resolve("m.onnx").toString(), "--device", "gpu:0"), "adaptseg export: --device gpu:0 asks for a GPU");
        refusedInOneLine(CommandRun.of("parity", "--checkpoint", dir.resolve("none").toString(), "--model",
                dir.resolve("none.onnx").toString(), "--device", "gpu:1"), "adaptseg parity: --device gpu:1 asks for a GPU");
        refusedInOneLine(CommandRun.of("bench", "train", "--device", "gpu"), "adaptseg bench train: --device gpu:0 asks for a GPU");
        assertEquals(before, listing(dir), "nothing written");
    }

    @Test
    void aBadSpellingIsAUsageErrorNamingTheForms() throws Exception {
        Path cfg = config("spelling", dir.resolve("synth/gta5"), dir.resolve("spelling-snapshots"));
        for (String[] args : List.of(new String[] {"train", "--config", cfg.toString(), "--device", "cuda:0"},
                new String[] {"export", "--checkpoint", "x", "--out", dir.resolve("s.onnx").toString(), "--device", "GPU"},
                new String[] {"parity", "--checkpoint", "x", "--model", "m.onnx", "--device", "gpu:"},
                new String[] {"bench", "train", "--device", "gpu0"})) {
            CommandRun run = CommandRun.of(args);
            assertEquals(2, run.code(), String.join(" ", args) + ": " + run.err());
            assertTrue(run.err().contains("--device: must be cpu, gpu or gpu:N (N = 0, 1, ...: the CUDA device index), found '"),
                    run.err());
        }
        CommandRun key = CommandRun.of("train", "--config", cfg.toString(), "--set", "device=cuda");
        assertEquals(1, key.code(), key.err());
        assertTrue(key.err().contains("--set device=cuda: device must be cpu, gpu or gpu:N"), key.err());
        CommandRun twice = CommandRun.of("train", "--config", cfg.toString(), "--set", "device=cpu", "--device", "cpu");
        assertEquals(2, twice.code(), twice.err());
        assertTrue(twice.err().contains("--device and --set device=... name the device twice"), twice.err());
        assertFalse(Files.exists(dir.resolve("spelling-snapshots")));
    }

    @Test
    void doctorNamesLibtorchsFlavourItsCudaDevicesAndVersions() {
        CommandRun doctor = CommandRun.of("doctor");
        assertEquals(0, doctor.code(), doctor.out() + doctor.err());
        TorchBuild here = TorchBuild.ofThisProcess();
        assertTrue(doctor.out().contains("\nlibtorch: 2.7.1, flavour " + here.flavour() + " (from the "), doctor.out());
        assertTrue(doctor.out().contains("\ncuda devices: " + here.gpus().size()), doctor.out());
        assertTrue(doctor.out().contains("\ncuda runtime: " + here.cudaRuntime() + "; cudnn: " + here.cudnn() + "\n"),
                doctor.out());
        if (here.gpus().isEmpty()) {
            assertEquals("cpu", here.flavour(), "the CPU libtorch this project ships");
            assertTrue(doctor.out().contains("\ncuda devices: 0 (a CPU libtorch: training runs on the CPU;"), doctor.out());
            assertTrue(doctor.out().contains("\ngpu numerics self-check: not run (no CUDA device)\n"), doctor.out());
        }
    }

    @Test
    void aCheckpointWhoseConfigSaysGpuResumesAndExportsOnTheCpu() throws Exception {
        assumeTrue(noGpu(), "this machine has a CUDA device");
        Path snapshots = dir.resolve("trained");
        Path cfg = config("cpu", dir.resolve("synth/gta5"), snapshots);
        CommandRun trained = CommandRun.of("train", "--config", cfg.toString(), "--device", "cpu");
        assertEquals(0, trained.code(), trained.err());
        // what a run on a GPU writes: the same files, its config saying where it trained
        Path checkpoint = Checkpoint.resolve(snapshots);
        Path saved = checkpoint.resolve(Checkpoint.CONFIG_FILE);
        String yaml = Files.readString(saved);
        assertTrue(yaml.contains("\ndevice: cpu\n"), yaml);
        Files.writeString(saved, yaml.replace("\ndevice: cpu\n", "\ndevice: gpu:0\n"));
        CommandRun asSaved = CommandRun.of("train", "--resume-from", snapshots.toString(), "--set", "num-steps-stop=2");
        assertEquals(1, asSaved.code(), asSaved.err());
        assertTrue(asSaved.err().startsWith("adaptseg train: " + saved + ": device gpu:0 asks for a GPU"), asSaved.err());
        CommandRun onCpu = CommandRun.of("train", "--resume-from", snapshots.toString(), "--set", "num-steps-stop=2",
                "--device", "cpu");
        assertEquals(0, onCpu.code(), onCpu.err());
        assertTrue(onCpu.out().contains("resumed from " + checkpoint + " at iteration 1"), onCpu.out());
        Path model = dir.resolve("from-gpu-config.onnx");
        CommandRun export = CommandRun.of("export", "--checkpoint", checkpoint.toString(), "--out", model.toString());
        assertEquals(0, export.code(), export.out() + export.err());
        assertTrue(Files.isRegularFile(model));
    }
}
