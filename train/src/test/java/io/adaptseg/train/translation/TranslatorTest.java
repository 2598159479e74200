package io.adaptseg.train.translation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.PngHeader;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.train.checkpoint.Checkpoint;
import io.adaptseg.train.checkpoint.TrainingState;
import io.adaptseg.train.config.TrainConfig;
import io.adaptseg.train.model.ParameterNames;
import io.adaptseg.train.translator.TranslatedImages;
import io.adaptseg.train.translator.Translator;
import io.adaptseg.train.translator.TranslatorCheckpoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The translator trained through the shared loop on tiny generated images (16×16, batch 1): losses
 * are finite, a run stopped and resumed ends with the decoder of an uninterrupted run, a checkpoint
 * reloaded gives the very images the trained translator gave, and translated images are 8-bit PNGs
 * clamped, not wrapped, when the decoder overshoots.
 */
class TranslatorTest {
    @TempDir
    static Path dir;
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    @BeforeAll
    static void data() throws Exception {
        Random r = new Random(7);
        for (String domain : List.of("content", "style")) {
            for (int i = 1; i <= 3; i++) {
                String name = String.format("%05d.png", i);
                PngCodec.writeRgb(dir.resolve(domain).resolve("images").resolve(name), image(r, 20, 16,
                        domain.equals("content") ? 40 : 160));
                PngCodec.writeLabels8(dir.resolve(domain).resolve("labels").resolve(name), LabelImage.filled(20, 16, 7));
            }
        }
    }

    private static RgbImage image(Random r, int w, int h, int base) {
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (base + r.nextInt(80));
        }
        return new RgbImage(w, h, rgb);
    }

    private static TrainConfig config(String snapshots, long maxIter) throws AdaptsegException {
        return TrainConfig.parse(String.join("\n",
                "model: adain-vgg19",
                "method: adain",
                "source-dataset: gta5",
                "data-dir: " + dir.resolve("content"),
                "target-dataset: gta5",
                "data-dir-target: " + dir.resolve("style"),
                "input-size: 16,16",
                "input-size-target: 16,16",
                "batch-size: 1",
                "num-workers: 1",
                "snapshot-dir: " + dir.resolve(snapshots),
                "lr: 1.0e-3",
                "max-iter: " + maxIter,
                "save-pred-every: 2",
                "log-every: 1",
                ""), "test", List.of());
    }

    private static Map<String, float[]> decoder(Translator t) {
        Map<String, float[]> out = new java.util.TreeMap<>();
        ParameterNames.of(t.decoder()).forEach((n, p) -> out.put(n, p.getArray().toFloatArray()));
        return out;
    }

    @Test
    void trainsResumesExactlyAndReloadsToIdenticalImages() throws Exception {
        RgbImage content = PngCodec.readRgb(dir.resolve("content/images/00001.png"));
        RgbImage style = PngCodec.readRgb(dir.resolve("style/images/00002.png"));
        Map<String, float[]> straight;
        RgbImage trained;
        try (NDManager root = NDManager.newBaseManager()) {
            TranslatorRun run = TranslatorRun.prepare(config("straight", 2));
            try (AdainMethod method = run.createMethod(root, true, QUIET)) {
                Map<String, float[]> before = decoder(method.translator());
                TrainingState end = run.train(method, Optional.empty(), QUIET, QUIET, false);
                assertEquals(2, end.iteration());
                straight = decoder(method.translator());
                assertTrue(!java.util.Arrays.equals(before.get("28.weight"), straight.get("28.weight")), "decoder learnt");
                trained = new DatasetStylizer(method.translator(), root, 1.0, 1).translate(content, style);
            }
        }
        // stopped after 1 iteration (its checkpoint), then resumed to 2
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TranslatorRun.prepare(config("split", 1)).run(Optional.empty(), new PrintStream(log), QUIET, false);
        String text = log.toString();
        assertTrue(text.contains("loss_content = ") && text.contains("loss_style = "), text);
        assertTrue(text.contains("RANDOMLY initialised"), "a random encoder is announced: " + text);
        try (NDManager root = NDManager.newBaseManager()) {
            TranslatorRun run = TranslatorRun.prepare(config("split", 2));
            try (AdainMethod method = run.createMethod(root, false, QUIET)) {
                run.train(method, Optional.of(Checkpoint.resolve(dir.resolve("split"))), QUIET, QUIET, false);
                Map<String, float[]> resumed = decoder(method.translator());
                for (var e : straight.entrySet()) {
                    assertArrayEquals(e.getValue(), resumed.get(e.getKey()), 1e-6f, e.getKey());
                }
            }
        }
        // the checkpoint of the uninterrupted run, loaded twice, translates to the trained translator's bytes
        for (int i = 0; i < 2; i++) {
            try (NDManager m = NDManager.newBaseManager()) {
                TranslatorCheckpoint loaded = TranslatorCheckpoint.load(dir.resolve("straight"), m);
                assertEquals(2, Long.parseLong(loaded.directory().getFileName().toString().replace("iter_", "")));
                RgbImage again = new DatasetStylizer(loaded.translator(), m, 1.0, 1).translate(content, style);
                assertEquals(content.width(), again.width());
                assertEquals(content.height(), again.height());
                assertArrayEquals(trained.rgb(), again.rgb(), "reloaded translator, load " + i);
            }
        }
    }

    @Test
    void tinyImagesRunAtTwoStridesAtLeastBecauseOneByOneFeaturesHaveNoVariance() throws Exception {
        assertEquals(16, DatasetStylizer.networkSize(3));
        assertEquals(16, DatasetStylizer.networkSize(9));
        assertEquals(24, DatasetStylizer.networkSize(17));
        try (NDManager m = NDManager.newBaseManager()) {
            Translator t = Translator.create(m);
            var store = new ai.djl.training.ParameterStore(m, false);
            java.util.Random r = new java.util.Random(4);
            float[] a = new float[3 * 16 * 16];
            float[] b = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextFloat();
                b[i] = r.nextFloat();
            }
            var shape = new ai.djl.ndarray.types.Shape(1, 3, 16, 16);
            float[] out16 = t.stylize(store, m.create(a, shape), m.create(b, shape), 1.0).toFloatArray();
            assertTrue(java.util.stream.IntStream.range(0, out16.length).noneMatch(i -> Float.isNaN(out16[i])));
            // 8x8 reaches relu4_1 at 1x1, where neither reflection padding nor the variance is defined
            var small = new ai.djl.ndarray.types.Shape(1, 3, 8, 8);
            assertThrows(IllegalArgumentException.class, () -> t.stylize(store, m.create(new float[3 * 64], small),
                    m.create(new float[3 * 64], small), 1.0));
            RgbImage tiny = new RgbImage(5, 4, new byte[5 * 4 * 3]);
            RgbImage out = new DatasetStylizer(t, m, 1.0, 1).translate(tiny, tiny);
            assertEquals(5, out.width());
            assertEquals(4, out.height());
        }
    }

    @Test
    void overshootingOutputIsClampedNotWrapped() throws Exception {
        assertEquals(255, TranslatedImages.toByte(1.7f)); // (byte) 433 would be 177
        assertEquals(0, TranslatedImages.toByte(-0.3f)); // (byte) -77 would be 179
        assertEquals(0, TranslatedImages.toByte(Float.NaN));
        assertEquals(128, TranslatedImages.toByte(0.5f));
        RgbImage content = PngCodec.readRgb(dir.resolve("content/images/00001.png"));
        RgbImage style = PngCodec.readRgb(dir.resolve("style/images/00001.png"));
        for (float bias : new float[] {3f, -3f}) {
            try (NDManager m = NDManager.newBaseManager()) {
                Translator t = Translator.create(m);
                Parameter last = ParameterNames.of(t.decoder()).get("28.bias");
                last.getArray().set(new float[] {bias, bias, bias});
                DatasetStylizer stylizer = new DatasetStylizer(t, m, 1.0, 1);
                NDArray raw = t.stylize(new ai.djl.training.ParameterStore(m, false),
                        m.create(new float[3 * 16 * 16], new ai.djl.ndarray.types.Shape(1, 3, 16, 16)),
                        m.create(new float[3 * 16 * 16], new ai.djl.ndarray.types.Shape(1, 3, 16, 16)), 1.0);
                float extreme = bias > 0 ? raw.max().getFloat() : raw.min().getFloat();
                assertTrue(bias > 0 ? extreme > 1.5f : extreme < -0.5f, "the decoder overshoots: " + extreme);
                RgbImage out = stylizer.translate(content, style);
                Path file = dir.resolve("clamp" + bias + ".png");
                PngCodec.writeRgb(file, out);
                PngHeader header = PngHeader.read(file);
                assertEquals(8, header.bitDepth());
                assertEquals(PngHeader.RGB, header.colorType());
                byte want = (byte) (bias > 0 ? 255 : 0);
                int off = 0;
                for (byte b : PngCodec.readRgb(file).rgb()) {
                    off += b == want ? 0 : 1;
                }
                assertEquals(0, off, "pixels not at the clamp value with bias " + bias);
            }
        }
    }

    @Test
    void styleDrawIsSeededAndSpread() {
        int[] counts = new int[5];
        for (int i = 0; i < 200; i++) {
            int s = DatasetStylizer.styleIndex(9, i, 5);
            assertEquals(s, DatasetStylizer.styleIndex(9, i, 5));
            counts[s]++;
        }
        for (int c : counts) {
            assertTrue(c > 15, "every style is drawn: " + java.util.Arrays.toString(counts));
        }
        assertNotEquals(java.util.stream.IntStream.range(0, 20).map(i -> DatasetStylizer.styleIndex(9, i, 5)).boxed().toList(),
                java.util.stream.IntStream.range(0, 20).map(i -> DatasetStylizer.styleIndex(10, i, 5)).boxed().toList());
    }

    @Test
    void badConfigsAndCheckpointsAreNamed() throws Exception {
        AdaptsegException model = assertThrows(AdaptsegException.class, () -> TranslatorRun.prepare(TrainConfig.parse(
                config("x", 2).toYaml().replace("model: adain-vgg19", "model: deeplabv2-tiny-multi"), "cfg", List.of())));
        assertTrue(model.getMessage().contains("model must be adain-vgg19"), model.getMessage());
        AdaptsegException vgg = assertThrows(AdaptsegException.class, () -> TranslatorRun.prepare(TrainConfig.parse(
                config("x", 2).toYaml(), "cfg", List.of("vgg=" + dir.resolve("nope.pth")))));
        assertTrue(vgg.getMessage().contains("vgg: ") && vgg.getMessage().contains("nope.pth not found"), vgg.getMessage());
        AdaptsegException alpha = assertThrows(AdaptsegException.class, () -> TrainConfig.parse(config("x", 2).toYaml(),
                "cfg", List.of("alpha=1.5")));
        assertTrue(alpha.getMessage().contains("alpha must be a number in [0, 1], found '1.5'"), alpha.getMessage());
        Path fake = dir.resolve("segmenter-ckpt/iter_1");
        Files.createDirectories(fake);
        Files.writeString(fake.resolve("state.json"), "{\"iteration\":1}");
        Files.writeString(fake.resolve("config.yaml"), config("x", 2).toYaml().replace("method: adain", "method: advnet"));
        try (NDManager m = NDManager.newBaseManager()) {
            AdaptsegException ckpt = assertThrows(AdaptsegException.class, () -> TranslatorCheckpoint.load(fake, m));
            assertTrue(ckpt.getMessage().contains("not an adain checkpoint (method advnet)"), ckpt.getMessage());
        }
    }
}
