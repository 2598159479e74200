package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.adaptseg.synth.SynthConfig;
import io.adaptseg.synth.SynthDataset;
import io.adaptseg.synth.SynthGenerator;
import io.adaptseg.train.checkpoint.Checkpoint;
import io.adaptseg.train.method.CategoryAnchors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code adaptseg train --stages} and {@code adaptseg anchors} in-process on generated 32×64 synthetic
 * data with {@code deeplabv3plus-tiny}: a warm-up AdvNet stage and two CAG stages of 4 iterations,
 * each stage starting from the previous one's final checkpoint with anchors computed from it.
 */
class CagStagesCommandTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void generate() throws Exception {
        SynthGenerator.generate(new SynthConfig(5, 32, 64, 6, 4, 3, EnumSet.of(SynthDataset.GTA5, SynthDataset.CITYSCAPES), 2),
                dir.resolve("synth"), false, n -> { });
        Files.writeString(dir.resolve("cag.yaml"), String.join("\n",
                "model: deeplabv3plus-tiny",
                "method: cag",
                "source-dataset: gta5",
                "data-dir: " + dir.resolve("synth/gta5"),
                "target-dataset: cityscapes",
                "data-dir-target: " + dir.resolve("synth/cityscapes"),
                "input-size: 64,32",
                "input-size-target: 64,32",
                "batch-size: 2",
                "num-workers: 1",
                "snapshot-dir: " + dir.resolve("snap"),
                "learning-rate: 1.0e-2",
                "num-steps: 4",
                "num-steps-stop: 4",
                "save-pred-every: 4",
                "log-every: 2",
                "val-every: 4",
                "discriminator-width: 8",
                // a from-scratch model after 4 iterations is rarely confident: a low threshold and
                // margin keep both pseudo-label kinds in play
                "threshold: 0.2",
                "delta-d: 0.0",
                "anchor-min-pixels: 1",
                ""));
    }

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void warmUpThenTwoStagesEachFromThePreviousThenAnchorsOfTheLast() throws Exception {
        String cfg = dir.resolve("cag.yaml").toString();
        CommandRun r = run("train", "--config", cfg, "--stages", "2");
        assertEquals(0, r.code(), r.out() + r.err());
        Path snap = dir.resolve("snap");
        JsonNode stages = new ObjectMapper().readTree(snap.resolve("stages.json").toFile()).get("stages");
        assertEquals(3, stages.size(), stages.toString());
        for (int k = 0; k < 3; k++) {
            JsonNode s = stages.get(k);
            assertEquals(k, s.get("stage").asInt());
            assertEquals(k == 0 ? "advnet" : "cag", s.get("method").asText());
            assertEquals(4, s.get("iterations").asInt());
            assertEquals(snap.resolve("stage" + k).resolve(Checkpoint.directoryName(4)).toString(),
                    s.get("checkpoint").asText());
            double miou = s.get("miou").asDouble();
            assertTrue(miou >= 0 && miou <= 1, s.toString());
            assertEquals(3, s.get("images").asInt());
        }
        // stage k trained from, and took its pseudo-labels from, stage k-1's final model
        for (int k = 1; k <= 2; k++) {
            String saved = Files.readString(Path.of(stages.get(k).get("checkpoint").asText()).resolve("config.yaml"));
            String previous = stages.get(k - 1).get("checkpoint").asText();
            assertTrue(saved.contains("predictor-from: " + previous), saved);
            assertTrue(saved.contains("restore-from: " + previous + "/networks/G.npz"), saved);
            assertTrue(saved.contains("method: cag"), saved);
            CategoryAnchors a = CategoryAnchors.load(snap.resolve("stage" + k).resolve("anchors.npz"));
            assertEquals(19, a.numClasses());
            assertTrue(a.count(0) > 0 || a.count(2) > 0 || a.count(10) > 0, "no anchor for road, building or sky");
        }
        assertTrue(r.out().contains("| stage | method | iterations | val mIoU |"), r.out());
        assertTrue(r.out().contains("| 2 | cag | 4 | "), r.out());
        assertTrue(r.out().contains("2 stages in "), r.out());

        Path out = dir.resolve("last-anchors.npz");
        CommandRun a = run("anchors", "--checkpoint", snap.resolve("stage2").toString(), "--config", cfg, "--out", out.toString());
        assertEquals(0, a.code(), a.out() + a.err());
        assertTrue(a.out().contains("wrote " + out + " (19 classes x "), a.out());
        CategoryAnchors last = CategoryAnchors.load(out);
        boolean any = false;
        for (boolean p : last.present()) {
            any |= p;
        }
        assertTrue(any, "the last stage's anchors hold no class");
        assertTrue(a.out().contains(" source images as training reads them"), a.out());

        // CAG's anchors: the source set at the given size without augmentation
        CommandRun full = run("anchors", "--checkpoint", snap.resolve("stage2").toString(), "--config", cfg, "--out",
                dir.resolve("full-anchors.npz").toString(), "--set", "anchor-size=96,48");
        assertEquals(0, full.code(), full.out() + full.err());
        assertTrue(full.out().contains(" source images at 96x48 without augmentation"), full.out());
    }

    @Test
    void badUseIsReportedWithTheOptionOrFile() throws Exception {
        String cfg = dir.resolve("cag.yaml").toString();
        CommandRun r = run("train", "--config", cfg, "--stages", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--stages"), r.err());
        r = run("train", "--config", cfg, "--stages", "2", "--set", "method=advnet");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--stages drives method cag, but the config's method is 'advnet'"), r.err());
        r = run("anchors", "--config", cfg);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Missing required option: checkpoint"), r.err());
        Path missing = dir.resolve("nope");
        r = run("anchors", "--checkpoint", missing.toString(), "--config", cfg);
        assertEquals(1, r.code());
        assertTrue(r.err().contains("weights " + missing + " do not exist"), r.err());
        r = run("anchors", "--checkpoint", missing.toString(), "--config", cfg, "--set",
                "model=deeplabv2-tiny-multi");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("anchors need a network with a features output (deeplabv3plus-*), found"
                + " deeplabv2-tiny-multi"), r.err());
        // the methods experiment derives its CLAN and CAG networks from a DeepLab-v2 name, before any work
        r = run("experiment", "methods", "--architecture", "deeplabv3plus-tiny", "--out", dir.resolve("exp").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--architecture must be a deeplabv2-<size>-multi or -single network"), r.err());
        assertTrue(Files.notExists(dir.resolve("exp")), "nothing is generated for a bad --architecture");
        // the experiments' --size is WIDTHxHEIGHT of at least 32x32, checked before any work as well
        r = run("experiment", "gap", "--size", "64x31", "--out", dir.resolve("exp").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--size: must be at least 32x32 (WIDTHxHEIGHT), found '64x31'"), r.err());
        r = run("experiment", "methods", "--lr", "fast", "--out", dir.resolve("exp").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--lr: must be a number, found 'fast'"), r.err());
        assertTrue(Files.notExists(dir.resolve("exp")), "nothing is generated for a bad --size or --lr");
    }
}
