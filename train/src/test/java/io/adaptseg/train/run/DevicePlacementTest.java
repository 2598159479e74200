package io.adaptseg.train.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.train.checkpoint.Checkpoint;
import io.adaptseg.train.checkpoint.TrainingState;
import io.adaptseg.train.config.TrainConfig;
import io.adaptseg.train.device.TorchBuild;
import io.adaptseg.train.method.AdaptationMethod;
import io.adaptseg.train.testing.DefaultDeviceTrap;
import io.adaptseg.train.translation.TranslatorRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every array of a training run lives on the run's {@code device}: with DJL's default device turned into
 * a GPU that this machine does not have ({@link DefaultDeviceTrap}), runs configured with {@code device:
 * cpu} still train, validate, checkpoint, resume, compute CAG anchors and train the AdaIN translator, so
 * none of their managers fell back to DJL's default. On a GPU machine that default would be the GPU and
 * such a manager would put a batch, a loss constant or an optimiser buffer on the other side of the bus.
 */
class DevicePlacementTest {
    @TempDir
    static Path dir;
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    @BeforeAll
    static void data() throws Exception {
        Random r = new Random(9);
        for (String domain : List.of("source", "target")) {
            for (int i = 1; i <= 3; i++) {
                String name = String.format("%05d.png", i);
                byte[] rgb = new byte[24 * 20 * 3];
                r.nextBytes(rgb);
                PngCodec.writeRgb(dir.resolve(domain).resolve("images").resolve(name), new RgbImage(24, 20, rgb));
                int[] ids = new int[24 * 20];
                for (int p = 0; p < ids.length; p++) {
                    ids[p] = p % 24 < 12 ? 7 : 8; // GTA5 road | sidewalk
                }
                PngCodec.writeLabels8(dir.resolve(domain).resolve("labels").resolve(name), new LabelImage(24, 20, ids));
            }
        }
    }

    private static TrainConfig config(String model, String method, String snapshots, long stop, String... extra)
            throws AdaptsegException {
        return TrainConfig.parse(String.join("\n", "model: " + model, "method: " + method, "source-dataset: gta5",
                "data-dir: " + dir.resolve("source"), "target-dataset: gta5", "data-dir-target: " + dir.resolve("target"),
                "batch-size: 2", "num-workers: 1", "snapshot-dir: " + dir.resolve(snapshots), "save-pred-every: 1",
                "log-every: 1", "num-steps: 4", "num-steps-stop: " + stop, "learning-rate: 1.0e-3", "device: cpu",
                String.join("\n", extra), ""), method, List.of());
    }

    @Test
    void theTrapCatchesAnArrayOnDjlsDefaultDevice() throws Exception {
        assumeTrue(TorchBuild.ofThisProcess().gpus().isEmpty(), "on a GPU machine DJL's default is the GPU itself");
        try (DefaultDeviceTrap trap = DefaultDeviceTrap.gpuByDefault(); NDManager m = NDManager.newBaseManager()) {
            assertEquals(Device.gpu(0), m.getDevice());
            assertThrows(RuntimeException.class, () -> m.zeros(new Shape(2)));
        }
        try (NDManager m = NDManager.newBaseManager()) {
            assertEquals(Device.cpu(), m.getDevice(), "the trap put DJL's default back");
        }
    }

    @Test
    void adversarialTrainingValidationCheckpointAndResumeStayOnTheRunsDevice() throws Exception {
        try (DefaultDeviceTrap trap = DefaultDeviceTrap.gpuByDefault()) {
            TrainConfig advnet = config("deeplabv2-tiny-multi", "advnet", "advnet", 2, "input-size: 36,36",
                    "input-size-target: 36,36", "val-every: 1", "val-data-dir: " + dir.resolve("target"),
                    "discriminator-width: 8");
            TrainingState first = TrainingRun.prepare(advnet).run(Optional.empty(), QUIET, QUIET, false);
            assertEquals(2, first.iteration());
            assertTrue(Double.isFinite(first.bestMeanIou()), "validated: " + first.bestMeanIou());
            // resume: the checkpoint is read on the CPU, the optimisers' state goes to the run's device
            TrainConfig further = advnet.withSchedule(s -> s.withStop(3));
            TrainingRun run = TrainingRun.prepare(further);
            try (NDManager root = run.newRootManager(); AdaptationMethod method = run.createMethod(root, false, QUIET)) {
                assertEquals(Device.cpu(), method.device());
                assertEquals(Device.cpu(), method.segmenter().device());
                TrainingState end = run.train(method, Optional.of(Checkpoint.resolve(dir.resolve("advnet"))), QUIET, QUIET,
                        false);
                assertEquals(3, end.iteration());
            }
        }
    }

    @Test
    void cagAnchorsAndTheStyleTranslatorStayOnTheRunsDevice() throws Exception {
        try (DefaultDeviceTrap trap = DefaultDeviceTrap.gpuByDefault()) {
            TrainConfig plain = config("deeplabv3plus-tiny", "source-only", "cag-start", 1, "input-size: 24,24");
            TrainingRun.prepare(plain).run(Optional.empty(), QUIET, QUIET, false);
            Path weights = Checkpoint.resolve(dir.resolve("cag-start")).resolve("networks").resolve("G.npz");
            Path anchors = dir.resolve("anchors.npz");
            TrainingRun.prepare(plain).computeAnchors(weights, QUIET).save(anchors);
            TrainConfig cag = config("deeplabv3plus-tiny", "cag", "cag", 1, "input-size: 24,24", "input-size-target: 24,24",
                    "restore-from: " + weights, "anchors: " + anchors);
            assertEquals(1, TrainingRun.prepare(cag).run(Optional.empty(), QUIET, QUIET, false).iteration());
            TrainConfig adain = config("adain-vgg19", "adain", "adain", 1, "input-size: 16,16", "input-size-target: 16,16",
                    "max-iter: 1");
            assertEquals(1, TranslatorRun.prepare(adain).run(Optional.empty(), QUIET, QUIET, false).iteration());
        }
    }
}
