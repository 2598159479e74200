package io.adaptseg.train.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.core.model.Normalization;
import io.adaptseg.train.checkpoint.Checkpoint;
import io.adaptseg.train.config.TrainConfig;
import io.adaptseg.train.loop.MetricsLog;
import io.adaptseg.train.model.ParameterNames;
import io.adaptseg.train.run.TrainingRun;
import io.adaptseg.train.translator.Translator;
import io.adaptseg.train.translator.TranslatorCheckpoint;
import io.adaptseg.train.translation.TranslatorRun;
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
 * {@code joint-translator}: a tiny segmenter trained with a tiny adain checkpoint (trained here for one
 * iteration) learns the translator's decoder through its source loss, resumes exactly, and refuses a
 * checkpoint that is not adain's. Crops of 12×12 are not multiples of the translator's stride, so the
 * cropped decoder output is exercised too.
 */
class JointTranslationTest {
    @TempDir
    static Path dir;
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    @BeforeAll
    static void data() throws Exception {
        Random r = new Random(5);
        for (String domain : List.of("source", "target")) {
            for (int i = 1; i <= 3; i++) {
                String name = String.format("%05d.png", i);
                RgbImage image = image(r, 20, 16, domain.equals("source") ? 40 : 150);
                PngCodec.writeRgb(dir.resolve(domain).resolve("images").resolve(name), image);
                // GTA5 ids 7 (road) and 8 (sidewalk): two classes, split by column
                int[] ids = new int[20 * 16];
                for (int p = 0; p < ids.length; p++) {
                    ids[p] = p % 20 < 10 ? 7 : 8;
                }
                LabelImage labels = new LabelImage(20, 16, ids);
                PngCodec.writeLabels8(dir.resolve(domain).resolve("labels").resolve(name), labels);
            }
        }
        TranslatorRun.prepare(TrainConfig.parse(String.join("\n", common("adain-vgg19", "adain", "translator"),
                "input-size: 16,16", "input-size-target: 16,16", "lr: 1.0e-3", "max-iter: 1", ""), "adain", List.of()))
                .run(Optional.empty(), QUIET, QUIET, false);
    }

    private static RgbImage image(Random r, int w, int h, int base) {
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (base + r.nextInt(80));
        }
        return new RgbImage(w, h, rgb);
    }

    private static String common(String model, String method, String snapshots) {
        return String.join("\n",
                "model: " + model,
                "method: " + method,
                "source-dataset: gta5",
                "data-dir: " + dir.resolve("source"),
                "target-dataset: gta5",
                "data-dir-target: " + dir.resolve("target"),
                "batch-size: 1",
                "num-workers: 1",
                "snapshot-dir: " + dir.resolve(snapshots),
                "save-pred-every: 1",
                "log-every: 1");
    }

    private static TrainConfig joint(String method, String snapshots, long stop, String... extra) throws AdaptsegException {
        return sized("12,12", method, snapshots, stop, extra);
    }

    /** A joint run at crops of {@code size} (the discriminators need more than 12×12). */
    private static TrainConfig sized(String size, String method, String snapshots, long stop, String... extra)
            throws AdaptsegException {
        return sized("deeplabv2-tiny-multi", size, method, snapshots, stop, extra);
    }

    /** As above with another network (CLAN's two equal classifiers). */
    private static TrainConfig sized(String model, String size, String method, String snapshots, long stop, String... extra)
            throws AdaptsegException {
        return TrainConfig.parse(String.join("\n", common(model, method, snapshots),
                "input-size: " + size, "input-size-target: " + size, "num-steps: 2", "num-steps-stop: " + stop,
                "learning-rate: 1.0e-3", "joint-translator: " + dir.resolve("translator"), String.join("\n", extra), ""),
                "joint-" + method, List.of());
    }

    private static Map<String, float[]> decoder(Translator t) {
        Map<String, float[]> out = new TreeMap<>();
        ParameterNames.of(t.decoder()).forEach((n, p) -> out.put(n, p.getArray().toFloatArray()));
        return out;
    }

    private static Map<String, float[]> parameters(AdaptationMethod method) {
        Map<String, float[]> out = new TreeMap<>();
        method.networks().forEach((net, block) ->
                ParameterNames.of(block).forEach((n, p) -> out.put(net + "/" + n, p.getArray().toFloatArray())));
        return out;
    }

    private static Map<String, float[]> adainDecoder() throws AdaptsegException {
        try (NDManager m = NDManager.newBaseManager()) {
            return decoder(TranslatorCheckpoint.load(dir.resolve("translator"), m).translator());
        }
    }

    private static boolean changed(Map<String, float[]> before, Map<String, float[]> after) {
        return before.keySet().stream().anyMatch(k -> !java.util.Arrays.equals(before.get(k), after.get(k)));
    }

    @Test
    void sourceOnlyTrainsTheDecoderAndResumesExactly() throws Exception {
        Map<String, float[]> start = adainDecoder();
        Map<String, float[]> straight;
        try (NDManager root = NDManager.newBaseManager()) {
            TrainingRun run = TrainingRun.prepare(joint("source-only", "straight", 2));
            try (AdaptationMethod method = run.createMethod(root, true, QUIET)) {
                assertTrue(method.usesTarget(), "the target batch is the style");
                assertEquals(List.of("G", JointTranslation.NETWORK), List.copyOf(method.networks().keySet()));
                assertEquals(start.keySet(), decoder(((SingleSegmenterMethod) method).joint().orElseThrow().translator()).keySet());
                run.train(method, Optional.empty(), QUIET, QUIET, false);
                straight = parameters(method);
                assertTrue(changed(start, decoder(((SingleSegmenterMethod) method).joint().orElseThrow().translator())),
                        "the decoder learnt from the segmenter's loss");
            }
        }
        List<String> csv = Files.readAllLines(dir.resolve("straight").resolve(MetricsLog.CSV));
        int column = List.of(csv.getFirst().split(",")).indexOf("loss_seg2");
        assertTrue(column > 0, csv.getFirst());
        for (String row : csv.subList(1, csv.size())) {
            assertTrue(Double.isFinite(Double.parseDouble(row.split(",")[column])), row);
        }
        Path saved = Checkpoint.resolve(dir.resolve("straight")).resolve("networks");
        assertTrue(Files.isRegularFile(saved.resolve(JointTranslation.NETWORK + ".npz")), "the decoder is checkpointed");
        // the joint checkpoint is a translator too (stylize, export --translator): the jointly trained decoder
        try (NDManager m = NDManager.newBaseManager()) {
            TranslatorCheckpoint loaded = TranslatorCheckpoint.load(dir.resolve("straight"), m);
            assertEquals(Checkpoint.resolve(dir.resolve("straight")), loaded.directory());
            decoder(loaded.translator()).forEach((n, v) ->
                    assertArrayEquals(straight.get(JointTranslation.NETWORK + "/" + n), v, 0f, n));
            try (NDManager adain = NDManager.newBaseManager()) {
                Map<String, float[]> encoder = new TreeMap<>();
                ParameterNames.of(TranslatorCheckpoint.load(dir.resolve("translator"), adain).translator().encoder())
                        .forEach((n, p) -> encoder.put(n, p.getArray().toFloatArray()));
                ParameterNames.of(loaded.translator().encoder()).forEach((n, p) ->
                        assertArrayEquals(encoder.get(n), p.getArray().toFloatArray(), 0f, "the adain checkpoint's encoder: " + n));
            }
        }

        // without the adain checkpoint it started from, the joint decoder has no encoder: a named error
        Path orphan = Files.createDirectories(dir.resolve("orphan")).resolve("iter_00000002");
        Checkpoint.copy(Checkpoint.resolve(dir.resolve("straight")), orphan);
        Path orphanConfig = orphan.resolve(Checkpoint.CONFIG_FILE);
        Files.writeString(orphanConfig, Files.readString(orphanConfig).replace("joint-translator: " + dir.resolve("translator"),
                "joint-translator: " + dir.resolve("gone")));
        try (NDManager m = NDManager.newBaseManager()) {
            AdaptsegException e = assertThrows(AdaptsegException.class, () -> TranslatorCheckpoint.load(orphan, m));
            assertTrue(e.getMessage().contains("whose encoder is needed too") && e.getMessage().contains(dir.resolve("gone").toString()),
                    e.getMessage());
        }

        TrainingRun.prepare(joint("source-only", "split", 1)).run(Optional.empty(), QUIET, QUIET, false);
        try (NDManager root = NDManager.newBaseManager()) {
            TrainingRun run = TrainingRun.prepare(joint("source-only", "split", 2));
            try (AdaptationMethod method = run.createMethod(root, false, QUIET)) {
                run.train(method, Optional.of(Checkpoint.resolve(dir.resolve("split"))), QUIET, QUIET, false);
                Map<String, float[]> resumed = parameters(method);
                assertEquals(straight.keySet(), resumed.keySet());
                for (var e : straight.entrySet()) {
                    assertArrayEquals(e.getValue(), resumed.get(e.getKey()), 1e-6f, e.getKey());
                }
            }
        }
    }

    @Test
    void maxSquareImageWiseAndAdvNetTrainTheDecoder() throws Exception {
        Map<String, float[]> start = adainDecoder();
        try (NDManager root = NDManager.newBaseManager()) {
            TrainingRun run = TrainingRun.prepare(sized("36,36", "advnet", "advnet", 1));
            try (AdaptationMethod method = run.createMethod(root, true, QUIET)) {
                assertEquals(List.of("G", "D1", "D2", JointTranslation.NETWORK), List.copyOf(method.networks().keySet()));
                assertEquals(List.of("G", "D1", "D2", JointTranslation.NETWORK), List.copyOf(method.optimizers().keySet()));
                run.train(method, Optional.empty(), QUIET, QUIET, false);
                assertTrue(changed(start, decoder(((SingleSegmenterMethod) method).joint().orElseThrow().translator())),
                        "advnet: the decoder learnt");
            }
        }
        for (String loss : List.of("maxsquare", "iw-maxsquare")) {
            try (NDManager root = NDManager.newBaseManager()) {
                TrainingRun run = TrainingRun.prepare(joint("maxsquare", "ms-" + loss, 1, "target-loss: " + loss,
                        "joint-alpha: 0.5"));
                try (AdaptationMethod method = run.createMethod(root, true, QUIET)) {
                    run.train(method, Optional.empty(), QUIET, QUIET, false);
                    assertTrue(changed(start, decoder(((SingleSegmenterMethod) method).joint().orElseThrow().translator())),
                            loss + ": the decoder learnt");
                }
            }
            try (NDManager m = NDManager.newBaseManager()) {
                assertEquals(0.5, TranslatorCheckpoint.load(dir.resolve("ms-" + loss), m).config().adain().alpha(),
                        "a joint checkpoint translates at its joint-alpha by default");
            }
            List<String> csv = Files.readAllLines(dir.resolve("ms-" + loss).resolve(MetricsLog.CSV));
            String[] header = csv.getFirst().split(",");
            String[] row = csv.get(1).split(",");
            for (String name : List.of("loss_seg", "loss_target")) {
                double v = Double.parseDouble(row[List.of(header).indexOf(name)]);
                assertTrue(Double.isFinite(v) && v != 0, loss + " " + name + " = " + v);
            }
        }
    }

    @Test
    void theDecodersOwnAdainLossJoinsWithAWeight() throws Exception {
        // one iteration without and one with the AdaIN loss (the default), from the same start and batches
        Map<String, float[]> plain;
        Map<String, float[]> weighted;
        try (NDManager root = NDManager.newBaseManager()) {
            TrainingRun run = TrainingRun.prepare(joint("source-only", "adain-off", 1, "joint-adain-weight: 0.0"));
            try (AdaptationMethod method = run.createMethod(root, true, QUIET)) {
                assertTrue(!method.lossNames().contains("loss_trans_content"), method.lossNames().toString());
                run.train(method, Optional.empty(), QUIET, QUIET, false);
                plain = decoder(((SingleSegmenterMethod) method).joint().orElseThrow().translator());
            }
        }
        try (NDManager root = NDManager.newBaseManager()) {
            TrainingRun run = TrainingRun.prepare(joint("source-only", "adain-on", 1));
            try (AdaptationMethod method = run.createMethod(root, true, QUIET)) {
                assertEquals(List.of("loss_seg1", "loss_seg2", "loss_trans_content", "loss_trans_style"), method.lossNames());
                run.train(method, Optional.empty(), QUIET, QUIET, false);
                weighted = decoder(((SingleSegmenterMethod) method).joint().orElseThrow().translator());
            }
        }
        assertTrue(changed(plain, weighted), "the AdaIN loss moved the decoder too");
        List<String> csv = Files.readAllLines(dir.resolve("adain-on").resolve(MetricsLog.CSV));
        List<String> header = List.of(csv.getFirst().split(","));
        String[] row = csv.get(1).split(",");
        for (String name : List.of("loss_trans_content", "loss_trans_style")) {
            double v = Double.parseDouble(row[header.indexOf(name)]);
            assertTrue(Double.isFinite(v) && v > 0, name + " = " + v);
        }
        AdaptsegException negative = assertThrows(AdaptsegException.class,
                () -> joint("source-only", "x", 1, "joint-adain-weight: -1"));
        assertTrue(negative.getMessage().contains("joint-adain-weight"), negative.getMessage());
    }

    @Test
    void clanAndCagTrainTheDecoder() throws Exception {
        Map<String, float[]> start = adainDecoder();
        try (NDManager root = NDManager.newBaseManager()) {
            TrainingRun run = TrainingRun.prepare(sized("deeplabv2-tiny-clan", "36,36", "clan", "clan", 1));
            try (AdaptationMethod method = run.createMethod(root, true, QUIET)) {
                assertTrue(method.networks().containsKey(JointTranslation.NETWORK), method.networks().keySet().toString());
                run.train(method, Optional.empty(), QUIET, QUIET, false);
                assertTrue(changed(start, decoder(((SingleSegmenterMethod) method).joint().orElseThrow().translator())),
                        "clan: the decoder learnt");
            }
        }
        // CAG starts from a source-only model and its anchors, as the reference's stages do
        // batch 2: DeepLab-v3+'s image pooling normalises a 1x1 map over the batch
        TrainConfig plain = TrainConfig.parse(String.join("\n", batchOfTwo(common("deeplabv3plus-tiny", "source-only", "cag-start")),
                "input-size: 24,24", "num-steps: 1", "num-steps-stop: 1", ""), "cag-start", List.of());
        TrainingRun.prepare(plain).run(Optional.empty(), QUIET, QUIET, false);
        Path weights = Checkpoint.resolve(dir.resolve("cag-start")).resolve("networks").resolve("G.npz");
        Path anchors = dir.resolve("cag-anchors.npz");
        TrainingRun.prepare(plain).computeAnchors(weights, QUIET).save(anchors);
        TrainConfig cag = TrainConfig.parse(String.join("\n", batchOfTwo(common("deeplabv3plus-tiny", "cag", "cag")),
                "input-size: 24,24", "input-size-target: 24,24", "num-steps: 2", "num-steps-stop: 1",
                "learning-rate: 1.0e-3", "restore-from: " + weights, "anchors: " + anchors,
                "joint-translator: " + dir.resolve("translator"), ""), "joint-cag", List.of());
        try (NDManager root = NDManager.newBaseManager()) {
            TrainingRun run = TrainingRun.prepare(cag);
            try (AdaptationMethod method = run.createMethod(root, true, QUIET)) {
                run.train(method, Optional.empty(), QUIET, QUIET, false);
                assertTrue(changed(start, decoder(((SingleSegmenterMethod) method).joint().orElseThrow().translator())),
                        "cag: the decoder learnt");
            }
        }
    }

    private static String batchOfTwo(String config) {
        assertTrue(config.contains("batch-size: 1\n"), config);
        return config.replace("batch-size: 1\n", "batch-size: 2\n");
    }

    @Test
    void aCheckpointThatIsNotAdainIsAConfigError() throws Exception {
        TrainingRun.prepare(TrainConfig.parse(String.join("\n", common("deeplabv2-tiny-multi", "source-only", "plain"),
                "input-size: 12,12", "num-steps: 1", "num-steps-stop: 1", ""), "plain", List.of())).run(Optional.empty(), QUIET, QUIET, false);
        TrainConfig wrong = pointingAt(dir.resolve("plain"));
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> TrainingRun.prepare(wrong));
        assertTrue(e.getMessage().contains("joint-translator " + dir.resolve("plain") + " is not an adain checkpoint"),
                e.getMessage());
        TrainConfig nowhere = pointingAt(dir.resolve("nowhere"));
        AdaptsegException missing = assertThrows(AdaptsegException.class, () -> MethodRegistry.factory(nowhere));
        assertTrue(missing.getMessage().contains("joint-translator: " + dir.resolve("nowhere")), missing.getMessage());
        AdaptsegException alpha = assertThrows(AdaptsegException.class, () -> joint("source-only", "x", 1, "joint-alpha: 2"));
        assertTrue(alpha.getMessage().contains("joint-alpha"), alpha.getMessage());
    }

    private static TrainConfig pointingAt(Path translator) throws AdaptsegException {
        return joint("source-only", "x", 1).withAdain(a -> a.withJointTranslator(Optional.of(translator)));
    }

    @Test
    void normalisationRoundTripsAndTheClampPassesGradients() throws Exception {
        byte[] rgb = {(byte) 0, (byte) 255, (byte) 30, (byte) 200, (byte) 17, (byte) 90};
        for (Normalization n : List.of(Normalization.DEEPLAB_V2_CAFFE, Normalization.RGB_UNIT)) {
            try (NDManager m = NDManager.newBaseManager()) {
                float[] chw = new float[6];
                n.toChw(rgb, 2, chw, 0);
                NDArray input = m.create(chw, new Shape(1, 3, 1, 2));
                JointTranslation j = new JointTranslation(Translator.create(m), n, 1.0, 1e-4, m.newSubManager());
                NDArray unit = j.toUnitRgb(input);
                float[] expected = new float[6];
                for (int c = 0; c < 3; c++) {
                    for (int p = 0; p < 2; p++) {
                        expected[c * 2 + p] = (rgb[p * 3 + c] & 0xFF) / 255f;
                    }
                }
                assertArrayEquals(expected, unit.toFloatArray(), 1e-5f, n + ": back to RGB in [0, 1]");
                assertArrayEquals(chw, j.fromUnitRgb(unit).toFloatArray(), 1e-3f, n + ": and normalised again");
                NDArray y = m.create(new float[] {-0.5f, 0.25f, 1.5f});
                y.setRequiresGradient(true);
                try (var gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                    NDArray clamped = JointTranslation.clampPassingGradient(y);
                    assertArrayEquals(new float[] {0f, 0.25f, 1f}, clamped.toFloatArray(), "clamped forward");
                    gc.backward(clamped.mul(m.create(new float[] {1f, 2f, 3f})).sum());
                }
                assertArrayEquals(new float[] {1f, 2f, 3f}, y.getGradient().toFloatArray(), "gradient passed unchanged");
                j.close();
            }
        }
    }
}
