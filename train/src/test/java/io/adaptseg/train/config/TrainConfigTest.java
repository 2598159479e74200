package io.adaptseg.train.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.core.resample.Convention;
import io.adaptseg.core.resample.ImageResize;
import io.adaptseg.core.scoring.Protocol;
import io.adaptseg.train.device.TrainingDevice;
import io.adaptseg.train.loss.GanLoss;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainConfigTest {
    @Test
    void everyShippedConfigIsValid() throws Exception {
        Path configs = Path.of("..", "configs");
        try (Stream<Path> files = Files.list(configs)) {
            List<Path> yamls = files.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertTrue(yamls.size() >= 4, "configs/ should hold the reference and synthetic configs");
            for (Path p : yamls) {
                TrainConfig c = TrainConfig.read(p, List.of());
                // what a checkpoint stores reads back to the same config
                assertEquals(c, TrainConfig.parse(c.toYaml(), p.toString(), List.of()), p.toString());
            }
        }
    }

    @Test
    void readsReferenceNamesAndAppliesOverrides(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("c.yaml");
        Files.writeString(f, "model: m\ndata-dir: /d\nlearning-rate: 1e-3\ninput-size: 1280,720\n");
        TrainConfig c = TrainConfig.read(f, List.of("learning-rate-D=2e-4", "random-mirror=true", "input-size-target=[512, 256]",
                "val-protocol=SYNTHIA16", "gan=lsgan", "data-list="));
        assertEquals(1e-3, c.schedule().learningRate());
        assertEquals(2e-4, c.schedule().learningRateD());
        assertTrue(c.augmentation().randomMirror());
        assertEquals(new Size(1280, 720), c.data().inputSize());
        assertEquals(new Size(512, 256), c.data().inputSizeTarget());
        assertEquals(250000, c.schedule().numSteps());
        assertEquals(Path.of("/d"), c.data().dataDir());
        assertEquals(Optional.empty(), c.data().dataList());
        assertEquals(Optional.of(Protocol.SYNTHIA16), c.validation().protocol());
        assertEquals(GanLoss.LSGAN, c.advnet().gan());
        assertEquals(LabelSet.CITYSCAPES19, c.run().labelSet());
        assertEquals(f.toString(), c.origin());
        // the resolved YAML reads back to the same values, sizes written as the references write them
        TrainConfig again = TrainConfig.parse(c.toYaml(), "checkpoint", List.of());
        assertEquals(c.withOrigin("checkpoint"), again);
        assertEquals(c.toYaml(), again.toYaml());
        assertTrue(c.toYaml().contains("input-size-target: \"512,256\"\n"), c.toYaml());
        assertTrue(c.toYaml().contains("val-protocol: synthia16\n"), c.toYaml());
        assertEquals(TrainConfig.keys(), c.toYaml().lines().map(l -> l.substring(0, l.indexOf(':'))).toList());
    }

    @Test
    void theDeviceIsCpuByDefaultAndReadStrictly() throws Exception {
        TrainConfig c = TrainConfig.parse("model: m\ndata-dir: /d\n", "c", List.of());
        assertEquals(TrainingDevice.CPU, c.run().device());
        assertEquals(TrainingDevice.gpu(1), TrainConfig.parse("model: m\ndata-dir: /d\ndevice: gpu:1\n", "c", List.of())
                .run().device());
        assertEquals(TrainingDevice.gpu(0), TrainConfig.parse("model: m\ndata-dir: /d\n", "c", List.of("device=gpu")).run().device());
        TrainConfig gpu = TrainConfig.parse("model: m\ndata-dir: /d\n", "c", List.of("device=gpu:2"));
        assertTrue(gpu.toYaml().contains("\ndevice: gpu:2\n"), gpu.toYaml());
        assertEquals(gpu.withOrigin("saved"), TrainConfig.parse(gpu.toYaml(), "saved", List.of()));
        assertEquals(TrainingDevice.CPU, TrainConfig.parse(gpu.toYaml(), "saved", List.of("device=cpu")).run().device(),
                "a GPU-trained checkpoint's config resumes on the CPU with --set device=cpu");
        for (String bad : List.of("cuda:0", "GPU", "gpu:-1", "0", "[0]", "gpu: 0")) {
            AdaptsegException e = assertThrows(AdaptsegException.class,
                    () -> TrainConfig.parse("model: m\ndata-dir: /d\n", "c", List.of("device=" + bad)), bad);
            assertTrue(e.getMessage().startsWith("--set device=" + bad + ": device must be cpu, gpu or gpu:N (N = 0, 1, ...:"
                    + " the CUDA device index), found '"), e.getMessage());
        }
    }

    /** A checkpoint's config.yaml as the string-map config of earlier versions wrote it. */
    private static final String EARLIER_CHECKPOINT = String.join("\n", "model: deeplabv2-tiny-multi", "method: advnet",
            "gan: vanilla", "label-set: cityscapes19", "source-dataset: gta5", "data-dir: /tmp/d/gta5", "data-list: \"\"",
            "target-dataset: cityscapes", "data-dir-target: /tmp/d/cityscapes", "data-list-target: \"\"",
            "target-split: train", "input-size: \"128,64\"", "input-size-target: [128, 64]", "random-mirror: true",
            "random-scale: false", "scale-min: 0.5", "scale-max: 1.5", "gaussian-blur: false", "batch-size: 2",
            "num-workers: 1", "prefetch: 2", "snapshot-dir: /tmp/d/train/advnet", "restore-from: \"\"", "restore-names: auto",
            "lambda-seg: 0.1", "lambda-adv-target1: 2.0E-4", "lambda-adv-target2: 0.001", "learning-rate: 0.01",
            "learning-rate-D: 1e-4", "head-lr-multiplier: 10.0", "power: 0.9", "momentum: 0.9", "weight-decay: 5.0E-4",
            "beta1: 0.9", "beta2: 0.99", "discriminator-width: 16", "warmup-steps: 0", "lambda-adv: 0.001",
            "lambda-weight: 0.01", "lambda-local: 40.0", "epsilon: 0.4", "focal-gamma: 2.0", "target-loss: maxsquare",
            "iw-alpha: 0.2", "multi: false", "threshold: 0.95", "lambda-target: 0.1", "target-solo-from: -1",
            "eval-flip: false", "anchors: \"\"", "predictor-from: \"\"", "delta-d: 2.5", "anchor-weight: 0.7",
            "anchor-min-pixels: 10", "num-steps: 2", "num-steps-stop: 2", "save-pred-every: 2", "random-seed: 1234",
            "log-every: 1", "val-every: 0", "val-split: val", "val-data-dir: \"\"", "val-max-images: 0", "val-list: \"\"",
            "val-protocol: \"\"", "");

    @Test
    void checkpointsOfEarlierVersionsStillRead() throws Exception {
        TrainConfig c = TrainConfig.parse(EARLIER_CHECKPOINT, "iter_00000002/config.yaml", List.of());
        assertEquals(1e-4, c.schedule().learningRateD());
        assertEquals(new Size(128, 64), c.data().inputSizeTarget());
        assertEquals(16, c.discriminator().width());
        assertEquals(OnDivergence.WARN, c.divergence().action(), "keys added since take their defaults");
    }

    @Test
    void savedConfigsWithoutTheUpsamplingKeyKeepTheHalfPixelForwardTheyWereTrainedWith(@TempDir Path tmp)
            throws Exception {
        Path saved = Files.writeString(tmp.resolve("config.yaml"), EARLIER_CHECKPOINT);
        assertEquals(Convention.HALF_PIXEL, TrainConfig.readSaved(saved, List.of()).network().logitsUpsampling());
        assertEquals(Convention.ALIGN_CORNERS, TrainConfig.parse(EARLIER_CHECKPOINT, "new", List.of()).network()
                .logitsUpsampling(), "a new config gets the references' convention");
        TrainConfig current = TrainConfig.parse(EARLIER_CHECKPOINT, "new", List.of("aspp-branches=2"));
        Path written = Files.writeString(tmp.resolve("current.yaml"), current.toYaml());
        TrainConfig back = TrainConfig.readSaved(written, List.of());
        assertEquals(Convention.ALIGN_CORNERS, back.network().logitsUpsampling(), "a saved key is kept");
        assertEquals(2, back.network().asppBranches());
        assertEquals(2, back.network().segmenterOptions(io.adaptseg.train.model.Family.DEEPLAB_V2).asppBranches());
    }

    @Test
    void fidelityKeysNameWhatTheyAllow(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("c.yaml"), "model: deeplabv2-tiny-multi\ndata-dir: /d\n");
        assertBad(f, "aspp-branches=3", "aspp-branches must be 2 or 4, found '3'");
        assertBad(f, "logits-upsampling=bicubic", "logits-upsampling must be one of [half_pixel, align_corners], found 'bicubic'");
        assertBad(f, "scale-mode=zoom", "scale-mode must be one of [range, clan, cag], found 'zoom'");
        assertBad(f, "image-resize=lanczos", "image-resize must be one of [bilinear, bicubic, pil-bilinear], found 'lanczos'");
        assertBad(f, "eval-flip-average=mean", "eval-flip-average must be one of [logits, softmax], found 'mean'");
        assertBad(f, "random-size-width=0", "random-size-width must be a positive integer, found '0'");
        assertBad(f, "val-input-size=2048", "val-input-size must be a size W,H, found '2048'");
        var e = assertThrows(AdaptsegException.class, () -> TrainConfig.read(f, List.of("random-scale=true",
                "scale-mode=cag", "base-size-target=2048,1024")));
        assertTrue(e.getMessage().startsWith(f + ": base-size must be a size W,H with scale-mode cag"), e.getMessage());
        TrainConfig defaults = TrainConfig.read(f, List.of());
        assertEquals(ImageResize.BILINEAR, defaults.data().imageResize());
        assertEquals(FlipAverage.LOGITS, defaults.maxSquare().evalFlipAverage());
        assertEquals(Optional.empty(), defaults.validation().inputSize());
        assertEquals(Optional.empty(), defaults.cag().anchorSize());
        assertBad(f, "normalisation-pooling=2", "normalisation-pooling must be true or false, found '2'");
        TrainConfig clan = TrainConfig.read(Path.of("../configs/clan-gta5-cityscapes.yaml"), List.of());
        assertEquals(io.adaptseg.train.data.ScaleMode.CLAN, clan.augmentation().scaleMode());
        assertTrue(clan.augmentation().randomScale());
        assertEquals(ImageResize.BICUBIC, clan.data().imageResize());
        // the reference configs reproduce each repository's data pipeline (docs/fidelity.md)
        TrainConfig advnet = TrainConfig.read(Path.of("../configs/advnet-gta5-cityscapes.yaml"), List.of());
        assertEquals(ImageResize.BICUBIC, advnet.data().imageResize());
        TrainConfig ms = TrainConfig.read(Path.of("../configs/maxsquare-gta5-cityscapes.yaml"), List.of());
        assertEquals(ImageResize.BICUBIC, ms.data().imageResize());
        assertEquals(FlipAverage.SOFTMAX, ms.maxSquare().evalFlipAverage());
        assertEquals(Optional.of(Path.of("./data/GTA5/gta5_list/train.txt")), ms.data().dataList());
        TrainConfig cag = TrainConfig.read(Path.of("../configs/cag-gta5-cityscapes.yaml"), List.of());
        assertEquals(ImageResize.PIL_BILINEAR, cag.data().imageResize());
        assertEquals(io.adaptseg.train.data.ScaleMode.CAG, cag.augmentation().scaleMode());
        assertEquals(Optional.of(new Size(1914, 1052)), cag.augmentation().baseSize());
        assertEquals(Optional.of(new Size(2048, 1024)), cag.augmentation().baseSizeTarget());
        assertEquals(2200, cag.augmentation().randomSizeWidth());
        assertEquals(new Size(896, 512), cag.data().inputSize());
        assertEquals(Optional.of(new Size(2048, 1024)), cag.validation().inputSize());
        assertEquals(Optional.of(new Size(1914, 1052)), cag.cag().anchorSize());
    }

    @Test
    void derivedConfigsAreCheckedCopies() throws Exception {
        TrainConfig base = TrainConfig.defaults("built in", "deeplabv2-tiny-multi", Path.of("/data/gta5"));
        TrainConfig derived = base.withRun(r -> r.withMethod("source-only")).withSchedule(s -> s.withSteps(40, 4));
        assertEquals("advnet", base.run().method());
        assertEquals("source-only", derived.run().method());
        assertEquals(40, derived.schedule().numStepsStop());
        assertEquals(base.data(), derived.data());
        var e = assertThrows(ConfigValueException.class, () -> base.withSchedule(s -> s.withStop(300000)));
        assertEquals("num-steps-stop must be at most num-steps (250000), found '300000'", e.getMessage());
        e = assertThrows(ConfigValueException.class, () -> base.withData(d -> d.withBatch(0, 1)));
        assertEquals("batch-size", e.key());
    }

    @Test
    void unknownKeysAndBadValuesNameTheKey(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("c.yaml");
        Files.writeString(f, "model: m\ndata-dir: /d\nlearnig-rate: 1e-3\n");
        var e = assertThrows(AdaptsegException.class, () -> TrainConfig.read(f, List.of()));
        assertTrue(e.getMessage().startsWith(f + ": unknown key 'learnig-rate' (did you mean 'learning-rate'?); known keys: ["),
                e.getMessage());

        Files.writeString(f, "model: m\ndata-dir: /d\n");
        assertBad(f, "batch-size=0", "batch-size must be a positive integer, found '0'");
        assertBad(f, "batch-size=2.5", "batch-size must be an integer, found '2.5'");
        assertBad(f, "batch-size='4'", "batch-size must be an integer, found '4'");
        assertBad(f, "momentum=1.5", "momentum must be a number in [0, 1), found '1.5'");
        assertBad(f, "learning-rate=fast", "learning-rate must be a finite number, found 'fast'");
        assertBad(f, "learning-rate=-0.5", "learning-rate must be a number >= 0, found '-0.5'");
        assertBad(f, "random-mirror=1", "random-mirror must be true or false, found '1'");
        assertBad(f, "input-size=12x7", "input-size must be a size W,H, found '12x7'");
        assertBad(f, "input-size=0,7", "input-size must be a size W,H of positive integers, found '0,7'");
        assertBad(f, "label-set=cityscapes20", "label-set must be one of [cityscapes19, synthia16, synthia13], found 'cityscapes20'");
        assertBad(f, "restore-names=caffe",
                "restore-names must be one of [auto, ours, torchvision, deeplabv2-reference, deeplabv2-coco-init, cag, adaptsegnet, clan, maxsquare, coco], found 'caffe'");
        assertBad(f, "threshold=1", "threshold must be a number in (0, 1), found '1'");
        assertBad(f, "scale-max=0.25", "scale-max must be a number >= scale-min (0.5), found '0.25'");
        assertBad(f, "on-divergence=panic", "on-divergence must be one of [warn, stop], found 'panic'");
        assertBad(f, "num-steps-stop=300000", "num-steps-stop must be at most num-steps (250000), found '300000'");
        // method names are checked by the method registry, which new methods extend
        TrainConfig unknownMethod = TrainConfig.read(f, List.of("method=clan2"));
        e = assertThrows(AdaptsegException.class, () -> io.adaptseg.train.method.MethodRegistry.factory(unknownMethod));
        assertEquals(f + ": method must be one of [source-only, advnet, clan, maxsquare, cag], found 'clan2'", e.getMessage());
        e = assertThrows(AdaptsegException.class, () -> TrainConfig.read(f, List.of("nosuch=1")));
        assertTrue(e.getMessage().startsWith("--set: unknown key 'nosuch'; known keys: [model, method"), e.getMessage());
        e = assertThrows(AdaptsegException.class, () -> TrainConfig.read(f, List.of("batch-size")));
        assertEquals("--set batch-size: expected key=value", e.getMessage());

        e = assertThrows(AdaptsegException.class, () -> TrainConfig.read(f, List.of("restore-names=caffe")));
        assertTrue(e.getMessage().startsWith("--set restore-names=caffe: restore-names must be one of [auto, ours"),
                e.getMessage());
        TrainConfig.read(f, List.of("restore-names=clan")); // the repositories' names are aliases

        Files.writeString(f, "data-dir: /d\n");
        e = assertThrows(AdaptsegException.class, () -> TrainConfig.read(f, List.of()));
        assertEquals(f + ": required key 'model' is missing", e.getMessage());
        Files.writeString(f, "- model\n- m\n");
        e = assertThrows(AdaptsegException.class, () -> TrainConfig.read(f, List.of()));
        assertEquals(f + ": a config must be a mapping of keys to values", e.getMessage());
    }

    private static void assertBad(Path f, String set, String message) {
        var e = assertThrows(AdaptsegException.class, () -> TrainConfig.read(f, List.of(set)), set);
        // a bad value is blamed on the --set that gave it, not on the config file (issue 30)
        assertEquals("--set " + set + ": " + message, e.getMessage());
    }

    @Test
    void aKeyGivenTwiceNamesBothLines(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("twice.yaml");
        Files.writeString(f, "model: m\ndata-dir: /d\n# the schedule\nlearning-rate: 1.0e-3\nbatch-size: 2\n"
                + "learning-rate: 1.0e-2\n");
        var e = assertThrows(AdaptsegException.class, () -> TrainConfig.read(f, List.of()));
        assertEquals(f + ": key 'learning-rate' appears twice, on line 4 and line 6; remove one", e.getMessage());
        Files.writeString(f, "model: m\ndata-dir: /d\nlearning-rate: 1.0e-3\nbatch-size: 2\n");
        assertEquals(1e-3, TrainConfig.read(f, List.of()).schedule().learningRate());
    }
}
