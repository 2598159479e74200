package io.adaptseg.train.translation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.core.model.Normalization;
import io.adaptseg.train.checkpoint.Checkpoint;
import io.adaptseg.train.config.TrainConfig;
import io.adaptseg.train.model.ParameterNames;
import io.adaptseg.train.translator.ConvStack;
import io.adaptseg.train.translator.VggEncoder;
import io.adaptseg.train.translator.VggWeights;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code method: vgg-pretrain} on generated scenes whose labels follow the pixels (a noisy dark "road"
 * below a noisy bright "sky", the horizon at a random height): the encoder learns to segment them, its
 * run resumes exactly, and its checkpoint is a {@code vgg:} of an adain run, loaded tensor for tensor.
 */
class VggPretrainingTest {
    @TempDir
    static Path dir;
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());
    private static final int W = 32;
    private static final int H = 16;
    /** GTA5 label files hold Cityscapes label ids (road 7, sky 23); training sees their train ids (0, 10). */
    private static final int ROAD_ID = 7;
    private static final int SKY_ID = 23;
    private static final int ROAD = 0;
    private static final int SKY = 10;

    @BeforeAll
    static void data() throws Exception {
        Random r = new Random(11);
        for (int i = 1; i <= 4; i++) {
            String name = String.format("%05d.png", i);
            int horizon = 5 + r.nextInt(6);
            byte[] rgb = new byte[W * H * 3];
            int[] labels = new int[W * H];
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    boolean sky = y < horizon;
                    labels[y * W + x] = sky ? SKY_ID : ROAD_ID;
                    for (int c = 0; c < 3; c++) {
                        rgb[3 * (y * W + x) + c] = (byte) ((sky ? 170 : 50) + r.nextInt(40));
                    }
                }
            }
            PngCodec.writeRgb(dir.resolve("scenes/images").resolve(name), new RgbImage(W, H, rgb));
            PngCodec.writeLabels8(dir.resolve("scenes/labels").resolve(name), new LabelImage(W, H, labels));
            PngCodec.writeRgb(dir.resolve("unlabelled/images").resolve(name), new RgbImage(W, H, rgb));
        }
    }

    private static TrainConfig pretraining(String snapshots, long maxIter, String dataDir) throws AdaptsegException {
        return TrainConfig.parse(String.join("\n",
                "model: adain-vgg19",
                "method: vgg-pretrain",
                "source-dataset: gta5",
                "data-dir: " + dir.resolve(dataDir),
                "input-size: " + W + "," + H,
                "batch-size: 2",
                "num-workers: 1",
                "snapshot-dir: " + dir.resolve(snapshots),
                "lr: 1.0e-3",
                "lr-decay: 0.0",
                "max-iter: " + maxIter,
                "save-pred-every: " + maxIter,
                "log-every: 1",
                ""), "test", List.of());
    }

    private static Map<String, float[]> weights(ConvStack encoder) {
        Map<String, float[]> out = new TreeMap<>();
        ParameterNames.of(encoder).forEach((n, p) -> out.put(n, p.getArray().toFloatArray()));
        return out;
    }

    @Test
    void theEncoderLearnsToSegmentResumesExactlyAndBecomesAnAdainVgg() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Map<String, float[]> trained;
        try (NDManager root = NDManager.newBaseManager()) {
            TranslatorRun run = TranslatorRun.prepare(pretraining("straight", 40, "scenes"));
            assertTrue(run.describeData().contains("labelled source"), run.describeData());
            try (VggPretraining method = run.createPretraining(root)) {
                run.train(method, Optional.empty(), new PrintStream(log), QUIET, false);
                trained = weights(method.encoder());
                RgbImage image = PngCodec.readRgb(dir.resolve("scenes/images/00003.png"));
                LabelImage truth = PngCodec.readLabels(dir.resolve("scenes/labels/00003.png"));
                float[] chw = new float[3 * W * H];
                Normalization.RGB_UNIT.toChw(image.rgb(), W * H, chw, 0);
                NDArray logits = method.logits(root.create(chw, new Shape(1, 3, H, W)), false);
                int[] predicted = logits.argMax(1).toType(DataType.INT32, false).toIntArray();
                int right = 0;
                for (int i = 0; i < predicted.length; i++) {
                    right += predicted[i] == (truth.values()[i] == SKY_ID ? SKY : ROAD) ? 1 : 0;
                }
                assertTrue(right >= 0.9 * predicted.length, "pixels right: " + right + " of " + predicted.length);
            }
        }
        List<Double> losses = log.toString().lines().filter(l -> l.startsWith("iter ="))
                .map(l -> Double.parseDouble(l.replaceAll(".*loss_seg = ([0-9.eE+-]+).*", "$1"))).toList();
        assertEquals(40, losses.size(), log.toString());
        assertTrue(losses.getLast() < 0.5 * losses.getFirst(), "loss_seg falls: " + losses);

        // stopped after 20 iterations, resumed to 40: the uninterrupted run's encoder
        TranslatorRun.prepare(pretraining("split", 20, "scenes")).run(Optional.empty(), QUIET, QUIET, false);
        TranslatorRun.prepare(pretraining("split", 40, "scenes")).run(Optional.of(dir.resolve("split")), QUIET, QUIET, false);
        try (NDManager m = NDManager.newBaseManager()) {
            ConvStack resumed = VggEncoder.create();
            resumed.initialize(m, DataType.FLOAT32, new Shape(1, 3, 16, 16));
            VggWeights.Report report = VggWeights.load(resumed, dir.resolve("split"));
            assertTrue(report.summary().contains("iter_00000040") && report.summary().contains("adaptseg checkpoint"),
                    report.summary());
            weights(resumed).forEach((n, v) -> assertArrayEquals(trained.get(n), v, 1e-6f, n));
        }

        // the checkpoint as vgg: of an adain run: its encoder is the pretrained one
        TrainConfig adain = TrainConfig.parse(String.join("\n", "model: adain-vgg19", "method: adain",
                "source-dataset: gta5", "data-dir: " + dir.resolve("scenes"), "target-dataset: gta5",
                "data-dir-target: " + dir.resolve("scenes"), "input-size: 16,16", "input-size-target: 16,16",
                "snapshot-dir: " + dir.resolve("adain"), "vgg: " + dir.resolve("straight"), ""), "test", List.of());
        ByteArrayOutputStream adainLog = new ByteArrayOutputStream();
        try (NDManager root = NDManager.newBaseManager();
                AdainMethod method = TranslatorRun.prepare(adain).createMethod(root, true, new PrintStream(adainLog))) {
            assertTrue(adainLog.toString().contains("20 tensors loaded into the encoder"), adainLog.toString());
            assertTrue(!adainLog.toString().contains("RANDOMLY"), adainLog.toString());
            weights(method.translator().encoder()).forEach((n, v) -> assertArrayEquals(trained.get(n), v, 0f, n));
        }
    }

    @Test
    void unlabelledImagesAndForeignCheckpointsAreNamedErrors() throws Exception {
        AdaptsegException unlabelled = assertThrows(AdaptsegException.class,
                () -> TranslatorRun.prepare(pretraining("u", 1, "unlabelled")));
        assertTrue(unlabelled.getMessage().contains("data-dir"), unlabelled.getMessage());

        AdaptsegException vgg = assertThrows(AdaptsegException.class, () -> TranslatorRun.prepare(
                pretraining("v", 1, "scenes").withAdain(a -> a.withVgg(Optional.of(dir.resolve("scenes"))))));
        assertTrue(vgg.getMessage().contains("vgg: method vgg-pretrain trains the encoder from random weights"),
                vgg.getMessage());

        // a checkpoint folder of a segmentation method is not an encoder
        Path foreign = dir.resolve("seg/iter_00000001");
        Files.createDirectories(foreign.resolve("networks"));
        Files.writeString(foreign.resolve(Checkpoint.STATE_FILE), "{\"iteration\": 1}");
        Files.writeString(foreign.resolve(Checkpoint.CONFIG_FILE), "model: deeplabv2-tiny-multi\nmethod: source-only\n"
                + "data-dir: " + dir.resolve("scenes") + "\n");
        try (NDManager m = NDManager.newBaseManager()) {
            ConvStack encoder = VggEncoder.create();
            encoder.initialize(m, DataType.FLOAT32, new Shape(1, 3, 16, 16));
            AdaptsegException e = assertThrows(AdaptsegException.class, () -> VggWeights.load(encoder, dir.resolve("seg")));
            assertTrue(e.getMessage().contains("must be of method vgg-pretrain or adain, found method source-only"),
                    e.getMessage());
        }
    }
}
