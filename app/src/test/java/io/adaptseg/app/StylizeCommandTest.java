package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertFalse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.ByteString;
import io.adaptseg.core.dataset.Sample;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.PngHeader;
import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.export.onnx.OnnxModels;
import io.adaptseg.export.translator.TranslatorExporter;
import io.adaptseg.synth.SynthConfig;
import io.adaptseg.synth.SynthDataset;
import io.adaptseg.synth.SynthGenerator;
import io.adaptseg.train.data.DecodedSample;
import io.adaptseg.train.data.TrainingData;
import io.adaptseg.train.translation.DatasetStylizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code adaptseg train} with {@code method: adain} and {@code adaptseg stylize} in-process on generated
 * synthetic data (GTA5-like content, Cityscapes-like style, 64×32): the translated folder reads as a
 * gta5 source domain with its labels byte for byte, its images are 8-bit RGB PNGs of the original
 * sizes, a second run skips everything, the translator exports to ONNX, and bad input is named.
 */
class StylizeCommandTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void generateAndTrain() throws Exception {
        SynthGenerator.generate(new SynthConfig(5, 32, 64, 4, 3, 1, EnumSet.of(SynthDataset.GTA5, SynthDataset.CITYSCAPES), 2),
                dir.resolve("synth"), false, n -> { });
        Path cfg = dir.resolve("adain.yaml");
        Files.writeString(cfg, String.join("\n",
                "model: adain-vgg19",
                "method: adain",
                "source-dataset: gta5",
                "data-dir: " + dir.resolve("synth/gta5"),
                "target-dataset: cityscapes",
                "data-dir-target: " + dir.resolve("synth/cityscapes"),
                "input-size: 16,16",
                "input-size-target: 16,16",
                "batch-size: 1",
                "num-workers: 1",
                "snapshot-dir: " + dir.resolve("snap"),
                "alpha: 0.8",
                "max-iter: 1",
                "save-pred-every: 1",
                "log-every: 1",
                ""));
        CommandRun train = run("train", "--config", cfg.toString());
        assertEquals(0, train.code(), train.err() + train.out());
        assertTrue(train.out().contains("method adain") && train.out().contains("loss_style = "), train.out());
    }

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    private static CommandRun stylize(Path out, String... more) {
        return run(Stream.concat(Stream.of("stylize", "--checkpoint", dir.resolve("snap").toString(), "--content",
                dir.resolve("synth/gta5").toString(), "--style", dir.resolve("synth/cityscapes").toString(), "--out",
                out.toString()), Arrays.stream(more)).toArray(String[]::new));
    }

    @Test
    void stylizedFolderIsASourceDomainWithTheLabelsKept() throws Exception {
        Path out = dir.resolve("gta5_cityscapes");
        CommandRun first = stylize(out);
        assertEquals(0, first.code(), first.err() + first.out());
        assertTrue(first.out().contains("4 images translated, 0 already done"), first.out());
        assertTrue(first.out().contains("alpha 0.80"), "the checkpoint's alpha is the default: " + first.out());
        PngHeader preview = PngHeader.read(out.resolve(DatasetStylizer.PREVIEW));
        assertTrue(preview.width() > 3 * 100 && preview.height() > 3 * 100, "three rows of three panels: " + preview);

        TrainingData original = TrainingData.open("gta5", dir.resolve("synth/gta5"), "train", Optional.empty(), true, "data-dir");
        TrainingData translated = TrainingData.open("gta5", out, "train", Optional.empty(), true, "data-dir");
        assertEquals(original.samples().size(), translated.samples().size());
        for (int i = 0; i < original.samples().size(); i++) {
            Sample a = original.samples().get(i);
            Sample b = translated.samples().get(i);
            assertEquals(a.id(), b.id());
            assertArrayEquals(Files.readAllBytes(a.requireLabel()), Files.readAllBytes(b.requireLabel()), a.id());
            PngHeader h = PngHeader.read(b.image());
            assertEquals(8, h.bitDepth());
            assertEquals(PngHeader.RGB, h.colorType());
            assertEquals(PngHeader.read(a.image()).width(), h.width());
            assertEquals(PngHeader.read(a.image()).height(), h.height());
            DecodedSample decoded = translated.decoder(LabelSet.CITYSCAPES19).decode(b);
            assertTrue(decoded.labels().isPresent(), "labels decode as training reads them");
        }

        CommandRun again = stylize(out);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("0 images translated, 4 already done (skipped)"), again.out());
        CommandRun stronger = stylize(dir.resolve("alpha0"), "--alpha", "0");
        assertEquals(0, stronger.code(), stronger.err());
        assertTrue(stronger.out().contains("alpha 0.00"), stronger.out());

        Path onnx = dir.resolve("translator.onnx");
        CommandRun export = run("export", "--checkpoint", dir.resolve("snap").toString(), "--out", onnx.toString());
        assertEquals(0, export.code(), export.err() + export.out());
        ModelProto model = OnnxModels.read(onnx);
        assertEquals(TranslatorExporter.KIND, OnnxModels.metadata(model).get(TranslatorExporter.KIND_KEY));
        assertEquals("0.8", OnnxModels.metadata(model).get("adaptseg.default_alpha"));

        // the segmenter's precision and parity options are refused, not silently ignored
        for (List<String> extra : List.of(List.of("--int8", "--calibration", dir.toString()), List.of("--no-parity"),
                List.of("--fp16"))) {
            Path other = dir.resolve("refused.onnx");
            List<String> args = new java.util.ArrayList<>(List.of("export", "--checkpoint", dir.resolve("snap").toString(),
                    "--out", other.toString()));
            args.addAll(extra);
            CommandRun refused = run(args.toArray(String[]::new));
            assertEquals(2, refused.code(), extra + ": " + refused.out() + refused.err());
            assertTrue(refused.err().contains("not to an adain translator checkpoint"), refused.err());
            assertFalse(Files.exists(other), extra.toString());
        }
    }

    @Test
    void aJointCheckpointStylizesAndExportsItsTranslator() throws Exception {
        Path cfg = dir.resolve("joint.yaml");
        Files.writeString(cfg, String.join("\n",
                "model: deeplabv2-tiny-multi",
                "method: source-only",
                "source-dataset: gta5",
                "data-dir: " + dir.resolve("synth/gta5"),
                "target-dataset: cityscapes",
                "data-dir-target: " + dir.resolve("synth/cityscapes"),
                "input-size: 16,16",
                "input-size-target: 16,16",
                "batch-size: 1",
                "num-workers: 1",
                "snapshot-dir: " + dir.resolve("joint"),
                "num-steps: 1",
                "num-steps-stop: 1",
                "save-pred-every: 1",
                "joint-translator: " + dir.resolve("snap"),
                "joint-alpha: 0.6",
                ""));
        CommandRun train = run("train", "--config", cfg.toString());
        assertEquals(0, train.code(), train.err() + train.out());

        CommandRun stylized = run("stylize", "--checkpoint", dir.resolve("joint").toString(), "--content",
                dir.resolve("synth/gta5").toString(), "--style", dir.resolve("synth/cityscapes").toString(), "--out",
                dir.resolve("joint-out").toString());
        assertEquals(0, stylized.code(), stylized.err() + stylized.out());
        assertTrue(stylized.out().contains("joint/iter_") && stylized.out().contains("alpha 0.60"), stylized.out());

        Path onnx = dir.resolve("joint-translator.onnx");
        CommandRun export = run("export", "--checkpoint", dir.resolve("joint").toString(), "--out", onnx.toString(),
                "--translator");
        assertEquals(0, export.code(), export.err() + export.out());
        ModelProto model = OnnxModels.read(onnx);
        assertEquals(TranslatorExporter.KIND, OnnxModels.metadata(model).get(TranslatorExporter.KIND_KEY));
        assertEquals("0.6", OnnxModels.metadata(model).get("adaptseg.default_alpha"));

        // its decoder is the jointly trained one (it moved in the joint iteration), its encoder the adain checkpoint's
        Path adainOnnx = dir.resolve("adain-for-joint.onnx");
        assertEquals(0, run("export", "--checkpoint", dir.resolve("snap").toString(), "--out", adainOnnx.toString()).code());
        ModelProto adain = OnnxModels.read(adainOnnx);
        assertEquals(initializer(adain, "enc_c_29_weight"), initializer(model, "enc_c_29_weight"));
        assertTrue(!initializer(adain, "dec_28_weight").equals(initializer(model, "dec_28_weight")),
                "the joint checkpoint's decoder, not the adain one");

        // without --translator the joint checkpoint is a segmenter checkpoint like any other
        Path segmenter = dir.resolve("joint-segmenter.onnx");
        CommandRun plain = run("export", "--checkpoint", dir.resolve("joint").toString(), "--out", segmenter.toString(),
                "--no-parity");
        assertEquals(0, plain.code(), plain.err() + plain.out());
        assertTrue(!TranslatorExporter.KIND.equals(OnnxModels.metadata(OnnxModels.read(segmenter)).get(TranslatorExporter.KIND_KEY)));

        CommandRun withWeights = run("export", "--weights", onnx.toString(), "--architecture", "deeplabv2-tiny-multi",
                "--out", dir.resolve("w.onnx").toString(), "--translator");
        assertEquals(2, withWeights.code());
        assertTrue(withWeights.err().contains("--translator goes with --checkpoint"), withWeights.err());
    }

    /** The raw bytes of the initializer whose name starts with {@code prefix}. */
    private static ByteString initializer(ModelProto model, String prefix) {
        return model.getGraph().getInitializerList().stream().filter(t -> t.getName().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no initializer " + prefix)).getRawData();
    }

    @Test
    void badInputIsNamed() throws Exception {
        // vgg-pretrain's checkpoint is an encoder for vgg:, not a model to export
        Path cfg = dir.resolve("vgg-pretrain.yaml");
        Files.writeString(cfg, String.join("\n", "model: adain-vgg19", "method: vgg-pretrain", "source-dataset: gta5",
                "data-dir: " + dir.resolve("synth/gta5"), "input-size: 16,16", "batch-size: 1", "num-workers: 1",
                "snapshot-dir: " + dir.resolve("vgg-pretrain"), "max-iter: 1", "save-pred-every: 1", ""));
        CommandRun pretrain = run("train", "--config", cfg.toString());
        assertEquals(0, pretrain.code(), pretrain.err() + pretrain.out());
        assertTrue(pretrain.out().contains("method vgg-pretrain") && pretrain.out().contains("loss_seg = "), pretrain.out());
        CommandRun encoder = run("export", "--checkpoint", dir.resolve("vgg-pretrain").toString(), "--out",
                dir.resolve("encoder.onnx").toString());
        assertEquals(1, encoder.code(), encoder.out());
        assertTrue(encoder.err().contains("holds the style translator's encoder, not a segmenter"), encoder.err());
        assertFalse(Files.exists(dir.resolve("encoder.onnx")));

        CommandRun alpha = stylize(dir.resolve("x"), "--alpha", "1.5");
        assertEquals(2, alpha.code());
        assertTrue(alpha.err().contains("--alpha") && alpha.err().contains("[0, 1]"), alpha.err());
        CommandRun style = run("stylize", "--checkpoint", dir.resolve("snap").toString(), "--content",
                dir.resolve("synth/gta5").toString(), "--style", dir.resolve("nowhere").toString(), "--out",
                dir.resolve("y").toString());
        assertEquals(1, style.code());
        assertTrue(style.err().contains("--style: folder") && style.err().contains("nowhere"), style.err());
        Path fake = dir.resolve("segmenter/iter_1");
        Files.createDirectories(fake);
        Files.writeString(fake.resolve("state.json"), "{\"iteration\":1}");
        Files.writeString(fake.resolve("config.yaml"), "model: deeplabv2-tiny-multi\nmethod: advnet\ndata-dir: "
                + dir.resolve("synth/gta5") + "\n");
        CommandRun notAdain = run("stylize", "--checkpoint", fake.toString(), "--content", dir.resolve("synth/gta5").toString(),
                "--style", dir.resolve("synth/cityscapes").toString(), "--out", dir.resolve("z").toString());
        assertEquals(1, notAdain.code());
        assertTrue(notAdain.err().contains("not an adain checkpoint (method advnet)"), notAdain.err());
        Path broken = dir.resolve("broken.png");
        Files.write(broken, new byte[] {1, 2, 3});
        Path content = dir.resolve("broken-gta5");
        Files.createDirectories(content.resolve("images"));
        Files.createDirectories(content.resolve("labels"));
        Files.copy(broken, content.resolve("images/00001.png"));
        Files.copy(dir.resolve("synth/gta5/labels").resolve(List.of(dir.resolve("synth/gta5/labels").toFile().list())
                .stream().sorted().findFirst().orElseThrow()), content.resolve("labels/00001.png"));
        CommandRun corrupt = run("stylize", "--checkpoint", dir.resolve("snap").toString(), "--content", content.toString(),
                "--style", dir.resolve("synth/cityscapes").toString(), "--out", dir.resolve("w").toString());
        assertEquals(1, corrupt.code(), corrupt.out());
        assertTrue(corrupt.err().contains("00001.png"), corrupt.err());
    }
}
