package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.export.onnx.OnnxModels;
import io.adaptseg.train.checkpoint.Checkpoint;
import io.adaptseg.train.checkpoint.TrainingState;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.model.SegmenterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code adaptseg export} and {@code adaptseg parity} run in-process on tiny checkpoints. */
class ExportParityCommandTest {
    private static final String SIZES = "96x64,56x40";

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    /** A checkpoint of a tiny network with randomised weights and BN statistics, written by the training code. */
    private static Path checkpoint(Path parent, String architecture, long seed) throws Exception {
        return checkpoint(parent, architecture, seed, 0);
    }

    /**
     * As above; the last {@code nearTies} parameters (the classifier's convs) get weights x1e-4 and the
     * same bias of 250 for every class, so that logits near 1000 differ by about 1e-3: float16
     * (resolution 0.5 there) cannot tell them apart, and even DJL's and ONNX Runtime's float32 rounding
     * (about 1e-4 there) flips some of them.
     */
    private static Path checkpoint(Path parent, String architecture, long seed, int nearTies) throws Exception {
        return checkpoint(parent, architecture, seed, nearTies, "");
    }

    /** As above, with {@code extraConfig} (YAML lines) appended to the checkpoint's config. */
    static Path checkpoint(Path parent, String architecture, long seed, int nearTies, String extraConfig)
            throws Exception {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Segmenter s = SegmenterRegistry.create(architecture, 19);
            // the initialiser draws from PyTorch's generator: seeded, so every run builds the same network
            // (unseeded, the near-tie construction below was occasionally not tied enough to fail float16)
            manager.getEngine().setRandomSeed((int) seed);
            s.initialize(manager);
            Random r = new Random(seed);
            int index = 0;
            int first = s.parameters().size() - nearTies;
            for (Map.Entry<String, Parameter> e : s.parameters().entrySet()) {
                NDArray a = e.getValue().getArray();
                float[] v = a.toFloatArray();
                boolean tie = index++ >= first;
                for (int i = 0; i < v.length; i++) {
                    v[i] = e.getKey().endsWith("running_var") ? 0.5f + r.nextFloat()
                            : e.getKey().endsWith("running_mean") ? (float) (0.1 * r.nextGaussian())
                            : tie && e.getKey().endsWith("bias") ? 250f
                            : v[i] * (0.5f + r.nextFloat()) * (tie ? 1e-4f : 1f);
                }
                a.set(v);
            }
            String config = "model: " + architecture + "\nlabel-set: cityscapes19\nmethod: advnet\n"
                    + "input-size-target: 96,64\ndata-dir: data/gta5\n" + extraConfig;
            return Checkpoint.write(parent, new TrainingState(120, Map.of(), Double.NaN, -1),
                    Map.of("G", s.block()), Map.of(), config, List.of());
        }
    }

    @Test
    void exportThenParityPassesAndWritesAJsonReport(@TempDir Path dir) throws Exception {
        Path ckpt = checkpoint(dir.resolve("snapshots"), "deeplabv2-tiny-clan", 1);
        Path model = dir.resolve("out/model.onnx");
        CommandRun export = run("export", "--checkpoint", dir.resolve("snapshots").toString(), "--out", model.toString(),
                "--fold-bn");
        assertEquals(0, export.code(), export.err());
        assertTrue(export.out().contains("checked: ONNX Runtime loads it"), export.out());
        Map<String, String> metadata = OnnxModels.metadata(OnnxModels.read(model));
        assertEquals("deeplabv2-tiny-clan", metadata.get("adaptseg.architecture"));
        assertEquals("64x96", metadata.get("adaptseg.input_size"));
        assertEquals("120", metadata.get("adaptseg.iteration"));
        assertTrue(metadata.get("adaptseg.provenance").contains("\"fold_bn\":\"true\""));

        CommandRun parity = run("parity", "--checkpoint", ckpt.toString(), "--model", model.toString(), "--sizes", SIZES);
        assertEquals(0, parity.code(), parity.out() + parity.err());
        String json = Files.readString(Path.of(model + ".parity.json"));
        assertTrue(json.contains("\"passed\" : true"), json);
        assertTrue(json.contains("\"heads\" : [ \"c1\", \"c2\" ]"), json);
    }

    @Test
    void aModelFromAnotherCheckpointFailsWithExitCode3AndTheNumbers(@TempDir Path dir) throws Exception {
        Path a = checkpoint(dir.resolve("a"), "deeplabv2-tiny-multi", 1);
        Path b = checkpoint(dir.resolve("b"), "deeplabv2-tiny-multi", 2);
        Path model = dir.resolve("a.onnx");
        assertEquals(0, run("export", "--checkpoint", a.toString(), "--out", model.toString(), "--fp16").code());
        CommandRun parity = run("parity", "--checkpoint", b.toString(), "--model", model.toString(), "--sizes", SIZES,
                "--report", dir.resolve("r.json").toString());
        assertEquals(ParityCommand.THRESHOLD_FAILED, parity.code(), parity.out() + parity.err());
        // --sizes is WIDTHxHEIGHT: 96x64 feeds N x 3 x 64 x 96 tensors
        assertTrue(parity.out().contains("FAIL: 2x3x64x96: argmax agreement"), parity.out());
        String json = Files.readString(dir.resolve("r.json"));
        assertTrue(json.contains("\"passed\" : false") && json.contains("\"precision\" : \"float16\""), json);
    }

    /** {@code images/} + {@code labels/} (trainIds) of {@code n} real PNGs at {@code height x width}. */
    static Path dataset(Path root, int n, int height, int width) throws Exception {
        Random r = new Random(9);
        int[] trainIds = {0, 1, 2, 8, 10, 13, 255};
        for (int i = 0; i < n; i++) {
            byte[] rgb = new byte[height * width * 3];
            r.nextBytes(rgb);
            int[] labels = new int[height * width];
            for (int p = 0; p < labels.length; p++) {
                labels[p] = trainIds[(p / width) * trainIds.length / height];
            }
            PngCodec.writeRgb(Files.createDirectories(root.resolve("images")).resolve(i + ".png"),
                    new RgbImage(width, height, rgb));
            PngCodec.writeLabels8(Files.createDirectories(root.resolve("labels")).resolve(i + ".png"),
                    new LabelImage(width, height, labels));
        }
        return root;
    }

    @Test
    void parityOnADatasetScoresEveryPathAndFailsWithExitCode3ForOtherWeights(@TempDir Path dir) throws Exception {
        Path a = checkpoint(dir.resolve("a"), "deeplabv2-tiny-single", 1);
        Path b = checkpoint(dir.resolve("b"), "deeplabv2-tiny-single", 2);
        Path model = dir.resolve("a.onnx");
        assertEquals(0, run("export", "--checkpoint", a.toString(), "--out", model.toString()).code());
        Path data = dataset(dir.resolve("data"), 3, 80, 120);

        CommandRun same = run("parity", "--checkpoint", a.toString(), "--model", model.toString(), "--sizes", "96x64",
                "--batch", "1", "--data", data.toString());
        assertEquals(0, same.code(), same.out() + same.err());
        assertTrue(same.out().contains("dataset: 3 images in " + data + " (folders)"), same.out());
        assertTrue(same.out().contains("edge runtime"), same.out());
        String json = Files.readString(Path.of(model + ".parity.json"));
        JsonNode dataset = new ObjectMapper().readTree(json).get("dataset");
        assertEquals("folders", dataset.get("layout").asText(), json);
        // not exactly 1: the untrained network's logits tie within 1e-4 at a pixel now and then, and
        // the runtime's float arithmetic may break such a tie the other way (seen: 1 pixel of 28,800)
        assertTrue(dataset.get("runtimeAgreement").asDouble() >= 0.9999, json);
        assertTrue(dataset.get("onnxAgreement").asDouble() >= 0.9999, json);

        CommandRun other = run("parity", "--checkpoint", b.toString(), "--model", model.toString(), "--sizes", "96x64",
                "--batch", "1", "--data", data.toString(), "--report", dir.resolve("r.json").toString());
        assertEquals(ParityCommand.THRESHOLD_FAILED, other.code(), other.out() + other.err());
        assertTrue(other.out().contains("dataset: |ΔmIoU| ONNX vs DJL") || other.out().contains("dataset: ONNX argmax agreement"),
                other.out());
        assertTrue(other.out().contains("dataset: edge runtime agreement with DJL"), other.out());

        CommandRun bad = run("parity", "--checkpoint", a.toString(), "--model", model.toString(), "--data",
                dir.resolve("nowhere").toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("--data " + dir.resolve("nowhere") + " does not exist"), bad.err());
    }

    @Test
    void nonOnnxFilesAndModelsWithoutOurMetadataGetAClearError(@TempDir Path dir) throws Exception {
        Path ckpt = checkpoint(dir, "deeplabv2-tiny-single", 1);
        Path text = dir.resolve("notes.onnx");
        Files.writeString(text, "hello\n");
        CommandRun notOnnx = run("parity", "--checkpoint", ckpt.toString(), "--model", text.toString());
        assertEquals(1, notOnnx.code());
        assertTrue(notOnnx.err().contains(text + ": not an ONNX model"), notOnnx.err());

        Path model = dir.resolve("m.onnx");
        assertEquals(0, run("export", "--checkpoint", ckpt.toString(), "--out", model.toString()).code());
        var stripped = OnnxModels.read(model).toBuilder().clearMetadataProps().build();
        Path foreign = dir.resolve("foreign.onnx");
        OnnxModels.write(stripped, foreign);
        CommandRun noMetadata = run("parity", "--checkpoint", ckpt.toString(), "--model", foreign.toString());
        assertEquals(1, noMetadata.code());
        assertTrue(noMetadata.err().contains(foreign + ": not an adaptseg model"), noMetadata.err());

        CommandRun badSizes = run("parity", "--checkpoint", ckpt.toString(), "--model", model.toString(), "--sizes", "96x64,64");
        assertEquals(2, badSizes.code());
        assertTrue(badSizes.err().contains("--sizes: must be WIDTHxHEIGHT such as 2048x1024, found '64'"), badSizes.err());
    }

    @Test
    void badHeadAndOpsetAreReported(@TempDir Path dir) throws Exception {
        Path ckpt = checkpoint(dir, "deeplabv2-tiny-single", 1);
        Path model = dir.resolve("m.onnx");
        CommandRun head = run("export", "--checkpoint", ckpt.toString(), "--out", model.toString(), "--head", "aux");
        assertEquals(1, head.code());
        assertTrue(head.err().contains("--head aux is not a head of deeplabv2-tiny-single; expected one of [eval, sum, main]"),
                head.err());
        assertFalse(Files.exists(model), "no file on failure");
        CommandRun opset = run("export", "--checkpoint", ckpt.toString(), "--out", model.toString(), "--opset", "9");
        assertEquals(2, opset.code());
        assertTrue(opset.err().contains("opset must be between 13 and 21, found 9"), opset.err());
    }

    @Test
    void exportProvesParityWritesTheFiguresAndInfoShowsThem(@TempDir Path dir) throws Exception {
        Path ckpt = checkpoint(dir, "deeplabv2-tiny-single", 1);
        Path model = dir.resolve("m.onnx");
        CommandRun export = run("export", "--checkpoint", ckpt.toString(), "--out", model.toString(), "--fp16");
        assertEquals(0, export.code(), export.out() + export.err());
        String[] lines = export.out().strip().split("\n");
        assertTrue(lines[lines.length - 1].matches("parity passed, float16: agreement \\d+\\.\\d+ % \\(threshold 99\\.5 %\\),"
                + " max \\|dlogit\\| .+ on random 1x3x64x96"
                + " against the float32 model \\(itself against the network: agreement \\d+\\.\\d+ %, max \\|dlogit\\| .+"
                + " on random 1x3x64x96\\)"), export.out());
        // the chain: the float32 model against the network once, the float16 model against it
        assertTrue(export.out().contains("parity: the float32 model against the network (DJL)")
                && export.out().contains("parity: the float16 model against the float32 model (ONNX Runtime)"),
                export.out());
        Map<String, String> metadata = OnnxModels.metadata(OnnxModels.read(model));
        assertEquals("float16", metadata.get("adaptseg.parity.precision"));
        assertTrue(Double.parseDouble(metadata.get("adaptseg.parity.agreement")) >= 0.995, metadata::toString);
        CommandRun info = run("info", "--model", model.toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("parity at export: float16: agreement"), info.out());
    }

    @Test
    void fp16CheckReportsTheRangeRecordsItAndInfoShowsIt(@TempDir Path dir) throws Exception {
        Path ckpt = checkpoint(dir, "deeplabv2-tiny-single", 1);
        Path images = dataset(dir.resolve("calib"), 3, 40, 56);
        Path model = dir.resolve("m.onnx");
        CommandRun export = run("export", "--checkpoint", ckpt.toString(), "--out", model.toString(), "--fp16-check",
                images.toString(), "--fp16-images", "2", "--no-parity");
        assertEquals(0, export.code(), export.out() + export.err());
        assertTrue(export.out().contains("float16 range: 2 images, "), export.out());
        String recorded = OnnxModels.metadata(OnnxModels.read(model)).get("adaptseg.fp16_range");
        assertTrue(recorded != null && recorded.startsWith("images=2 tensors="), String.valueOf(recorded));
        CommandRun info = run("info", "--model", model.toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("float16 range: 2 images, ") && info.out().contains("(at export)"), info.out());

        CommandRun fromData = run("export", "--checkpoint", ckpt.toString(), "--out", model.toString(), "--fp16", "--data",
                images.toString(), "--no-parity");
        assertEquals(0, fromData.code(), fromData.out() + fromData.err());
        assertTrue(fromData.out().contains("float16 range: 3 images, "), fromData.out());
        assertTrue(OnnxModels.metadata(OnnxModels.read(model)).get("adaptseg.fp16_range").startsWith("images=3 "));

        CommandRun withoutImages = run("export", "--checkpoint", ckpt.toString(), "--out", model.toString(), "--fp16",
                "--no-parity");
        assertEquals(0, withoutImages.code(), withoutImages.err());
        assertTrue(withoutImages.out().contains("note: float16 activation range not checked"), withoutImages.out());
        CommandRun stray = run("export", "--checkpoint", ckpt.toString(), "--out", model.toString(), "--fp16-images", "4");
        assertEquals(2, stray.code());
        assertTrue(stray.err().contains("--fp16-images goes with --fp16-check DIR"), stray.err());
        CommandRun missing = run("export", "--checkpoint", ckpt.toString(), "--out", model.toString(), "--fp16-check",
                dir.resolve("nowhere").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("--fp16-check " + dir.resolve("nowhere") + " does not exist"), missing.err());
    }

    @Test
    void anExportBelowTheThresholdsExits3AndLeavesNoModel(@TempDir Path dir) throws Exception {
        // logits near 1000 that differ by ~1e-3: the float32 graph already disagrees with the network on
        // 0.4 % of the labels (float32 rounding), so the chain stops at its first link, before float16 is judged;
        // a failure of the second link is Int8ExportTest.aBrokenInt8GraphFailsTheChainAndWritesNothing
        Path ckpt = checkpoint(dir, "deeplabv2-tiny-single", 1, 8);
        Path model = dir.resolve("m.onnx");
        CommandRun export = run("export", "--checkpoint", ckpt.toString(), "--out", model.toString(), "--fp16");
        assertEquals(ParityCommand.THRESHOLD_FAILED, export.code(), export.out() + export.err());
        assertFalse(Files.exists(model), "a model that failed parity must not be at --out");
        assertTrue(export.out().contains("parity FAILED at the float32 model, against the network: float32: agreement"),
                export.out());
        assertFalse(export.out().contains("parity: the float16 model against the float32 model"), export.out());
        assertTrue(export.out().strip().endsWith("no model written to " + model), export.out());
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".export-parity-")), "scratch left");
        }

        Path unchecked = dir.resolve("u.onnx");
        CommandRun skipped = run("export", "--checkpoint", ckpt.toString(), "--out", unchecked.toString(), "--fp16",
                "--no-parity");
        assertEquals(0, skipped.code(), skipped.out() + skipped.err());
        assertTrue(skipped.out().contains("warning: parity not checked (--no-parity)"), skipped.out());
        assertFalse(OnnxModels.metadata(OnnxModels.read(unchecked)).containsKey("adaptseg.parity.agreement"));
        CommandRun info = run("info", "--model", unchecked.toString());
        assertTrue(info.out().contains("parity at export: not checked"), info.out());
    }
}
