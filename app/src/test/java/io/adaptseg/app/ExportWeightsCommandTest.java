package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.export.onnx.OnnxModels;
import io.adaptseg.train.weights.torch.TorchFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code adaptseg export --weights}: a PyTorch checkpoint with MaxSquare's layout (written by torch.save)
 * straight to ONNX, then the exported model through ONNX Runtime and the edge runtime against the DJL
 * forward of the same file ({@code parity --weights}).
 */
class ExportWeightsCommandTest {
    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void aPublishedCheckpointExportsWithProvenanceAndTheRuntimeGivesTheLabelsOfTheDjlForward(@TempDir Path dir)
            throws Exception {
        Path weights = TorchFixtures.unpack("maxsquare-multi.pth", dir);
        Path model = dir.resolve("m.onnx");
        CommandRun export = run("export", "--weights", weights.toString(), "--architecture", "deeplabv2-tiny-multi", "--out",
                model.toString(), "--input-size", "96x64");
        assertEquals(0, export.code(), export.out() + export.err());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(weights)));
        assertTrue(export.out().contains("sha256 " + sha) && export.out().contains("name map deeplabv2-reference (detected")
                && export.out().contains("131 loaded, 0 missing"), export.out());

        Map<String, String> metadata = OnnxModels.metadata(OnnxModels.read(model));
        assertEquals("imported", metadata.get("adaptseg.method"));
        assertEquals("64x96", metadata.get("adaptseg.input_size"));
        assertEquals("", metadata.get("adaptseg.val_miou"));
        // MaxSquare resizes its images with PIL bicubic: the deployed model does too, and says why
        assertEquals("bicubic", metadata.get("adaptseg.input_resize"));
        assertTrue(export.out().contains("input resize bicubic (AdaptSegNet, CLAN and MaxSquare"), export.out());
        JsonNode provenance = new ObjectMapper().readTree(metadata.get("adaptseg.provenance"));
        assertEquals("maxsquare-multi.pth", provenance.get("export").get("weights").asText());
        assertEquals(sha, provenance.get("export").get("weights_sha256").asText());
        assertTrue(provenance.get("export").get("weights_import").asText().contains("'module.' prefix removed"),
                provenance.toString());
        // info says what was imported, not an empty training origin
        CommandRun info = run("info", "--model", model.toString());
        assertEquals(0, info.code(), info.out() + info.err());
        assertTrue(info.out().contains("deeplabv2-tiny-multi, imported from maxsquare-multi.pth (sha256 " + sha
                + "), name map deeplabv2-reference (detected") && !info.out().contains(" -> ,"), info.out());

        Path data = dataset(dir.resolve("data"), 3, 80, 120);
        CommandRun parity = run("parity", "--weights", weights.toString(), "--model", model.toString(), "--sizes", "96x64",
                "--batch", "2", "--data", data.toString());
        assertEquals(0, parity.code(), parity.out() + parity.err());
        JsonNode report = new ObjectMapper().readTree(Files.readString(Path.of(model + ".parity.json")));
        JsonNode size = report.get("sizes").get(0);
        assertEquals(1.0, size.get("agreement").asDouble(), report.toString());
        assertTrue(size.get("maxAbsDelta").asDouble() < 1e-3, report.toString());
        JsonNode dataset = report.get("dataset");
        // the edge runtime resizes, upsamples and argmaxes in Java: every label equals DJL's here
        assertEquals(1.0, dataset.get("runtimeAgreement").asDouble(), report.toString());
        assertEquals(1.0, dataset.get("onnxAgreement").asDouble(), report.toString());
    }

    @Test
    void anInitialisationOrAWrongLayoutIsRefusedWithTheReason(@TempDir Path dir) throws Exception {
        Path coco = TorchFixtures.unpack("coco-init-legacy.pth", dir);
        CommandRun init = run("export", "--weights", coco.toString(), "--architecture", "deeplabv2-tiny-multi", "--out",
                dir.resolve("c.onnx").toString());
        assertEquals(1, init.code(), init.out());
        assertTrue(init.err().contains("coco-init-legacy.pth") && init.err().contains("no trained heads")
                && init.err().contains("8 skipped"), init.err());
        assertTrue(Files.notExists(dir.resolve("c.onnx")));

        Path ms = TorchFixtures.unpack("maxsquare-multi.pth", dir);
        CommandRun clan = run("export", "--weights", ms.toString(), "--architecture", "deeplabv2-tiny-clan", "--out",
                dir.resolve("x.onnx").toString());
        assertEquals(1, clan.code());
        assertTrue(clan.err().contains("use deeplabv2-tiny-multi"), clan.err());

        assertEquals(2, run("export", "--weights", ms.toString(), "--out", dir.resolve("x.onnx").toString()).code());
        assertEquals(2, run("export", "--weights", ms.toString(), "--checkpoint", dir.toString(), "--architecture",
                "deeplabv2-tiny-multi", "--out", dir.resolve("x.onnx").toString()).code());
        CommandRun names = run("export", "--weights", ms.toString(), "--architecture", "deeplabv2-tiny-multi", "--names", "caffe",
                "--out", dir.resolve("x.onnx").toString());
        assertEquals(2, names.code());
        assertTrue(names.err().contains("--names: unknown name map 'caffe'"), names.err());
        CommandRun arch = run("export", "--weights", ms.toString(), "--architecture", "deeplabv2-r102-multi", "--out",
                dir.resolve("x.onnx").toString());
        assertEquals(2, arch.code());
        assertTrue(arch.err().contains("--architecture: unknown architecture 'deeplabv2-r102-multi'"), arch.err());
    }

    /** {@code images/} + {@code labels/} (trainIds) of {@code n} real PNGs at {@code height x width}. */
    private static Path dataset(Path root, int n, int height, int width) throws Exception {
        Random r = new Random(9);
        for (int i = 0; i < n; i++) {
            byte[] rgb = new byte[height * width * 3];
            r.nextBytes(rgb);
            int[] labels = new int[height * width];
            for (int p = 0; p < labels.length; p++) {
                labels[p] = (p / width) * 19 / height;
            }
            PngCodec.writeRgb(Files.createDirectories(root.resolve("images")).resolve(i + ".png"),
                    new RgbImage(width, height, rgb));
            PngCodec.writeLabels8(Files.createDirectories(root.resolve("labels")).resolve(i + ".png"),
                    new LabelImage(width, height, labels));
        }
        return root;
    }
}
