package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.adaptseg.train.checkpoint.Checkpoint;
import io.adaptseg.train.checkpoint.TrainingState;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.model.SegmenterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code adaptseg demo --quick} end to end in-process, with and without given checkpoints. */
class DemoCommandTest {
    @TempDir
    Path dir;

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    /** An untrained tiny DeepLab-v2 checkpoint, written by the training code, at the quick data size. */
    private static Path checkpoint(Path parent, String method) throws Exception {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Segmenter s = SegmenterRegistry.create("deeplabv2-tiny-multi", 19);
            s.initialize(manager);
            String config = "model: deeplabv2-tiny-multi\nlabel-set: cityscapes19\nmethod: " + method
                    + "\ninput-size-target: 128,64\ndata-dir: data/gta5\n";
            return Checkpoint.write(parent, new TrainingState(1, Map.of(), Double.NaN, -1), Map.of("G", s.block()), Map.of(),
                    config, List.of());
        }
    }

    @Test
    void quickDemoWithCheckpointsExportsPredictsScoresAndReports() throws Exception {
        Path so = checkpoint(dir.resolve("snap/so"), "source-only");
        Path adv = checkpoint(dir.resolve("snap/adv"), "advnet");
        Path out = dir.resolve("demo");
        CommandRun r = run("demo", "--quick", "--out", out.toString(), "--source-only-checkpoint", so.toString(),
                "--advnet-checkpoint", adv.toString(), "--samples", "2");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("per-class IoU on the target val set"), r.out());
        Matcher header = Pattern.compile("class\\s+source-only\\s+advnet").matcher(r.out());
        assertTrue(header.find(), r.out());
        assertTrue(Pattern.compile("mIoU\\s+\\d+\\.\\d\\d\\s+\\d+\\.\\d\\d").matcher(r.out()).find(), r.out());
        assertTrue(Files.isRegularFile(out.resolve("data/synth.json")));
        assertTrue(Files.isRegularFile(out.resolve("models/source-only.onnx")));
        assertTrue(Files.readString(out.resolve("models/advnet.parity.json")).contains("\"passed\" : true"));
        assertTrue(Files.isRegularFile(out.resolve("predictions/advnet/iou.json")));
        assertTrue(Files.isRegularFile(out.resolve("iou-comparison.txt")));
        String html = Files.readString(out.resolve("report/index.html"));
        Matcher img = Pattern.compile("src=\"([^\"]+)\"").matcher(html);
        int images = 0;
        while (img.find()) {
            assertTrue(Files.isRegularFile(out.resolve("report").resolve(img.group(1))), img.group(1));
            images++;
        }
        // chart + 2 samples x (image, ground truth, two predictions)
        assertEquals(1 + 2 * 4, images, html);
        assertTrue(html.contains("<td class=l>road</td>"), html);
    }

    @Test
    void quickDemoTrainsBothModelsEndToEndAndARerunReusesThem() {
        Path out = dir.resolve("demo");
        CommandRun r = run("demo", "--quick", "--out", out.toString(), "--samples", "1");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(Files.isDirectory(out.resolve("train/source-only/iter_00000002")), r.out());
        assertTrue(Files.isDirectory(out.resolve("train/advnet/iter_00000002")), r.out());
        assertTrue(r.out().contains("loss_adv1"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("report/img/curves-advnet.png")));
        assertTrue(Pattern.compile("mIoU\\s+\\d+\\.\\d\\d\\s+\\d+\\.\\d\\d").matcher(r.out()).find(), r.out());

        CommandRun again = run("demo", "--quick", "--out", out.toString(), "--samples", "1");
        assertEquals(0, again.code(), again.out() + again.err());
        assertTrue(again.out().contains("nothing to do: the checkpoint is at iteration 2"), again.out());
    }

    @Test
    void aMissingGivenCheckpointFailsItsStepsAndExitsThree() {
        Path out = dir.resolve("demo");
        CommandRun r = run("demo", "--quick", "--out", out.toString(), "--source-only-checkpoint", dir.resolve("none").toString(),
                "--advnet-checkpoint", dir.resolve("none").toString());
        assertEquals(DemoCommand.INCOMPLETE, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("not run:") && r.out().contains("export + parity source-only (failed: "), r.out());
        assertTrue(r.out().contains(dir.resolve("none").toString()), r.out());
        assertTrue(Files.isRegularFile(out.resolve("report/index.html")));
    }
}
