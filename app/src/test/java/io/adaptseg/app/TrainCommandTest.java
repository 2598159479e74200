package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.synth.SynthConfig;
import io.adaptseg.synth.SynthDataset;
import io.adaptseg.synth.SynthGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code adaptseg train} in-process on generated synthetic data (GTA5-like source, Cityscapes-like
 * target, 32×64) with the tiny DeepLab-v2: the loss goes down, validation writes mIoU, and a run
 * stopped at a checkpoint continues through {@code --resume}; bad configs fail naming the problem.
 */
class TrainCommandTest {
    @TempDir
    static Path dir;

    private record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void generate() throws Exception {
        SynthGenerator.generate(new SynthConfig(3, 32, 64, 8, 4, 3, EnumSet.of(SynthDataset.GTA5, SynthDataset.CITYSCAPES), 2),
                dir.resolve("synth"), false, n -> { });
    }

    private static Run train(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] full = Stream.concat(Stream.of("train"), Arrays.stream(args)).toArray(String[]::new);
        int code = new Main(Commands.all(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(full);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path config(String name, String snapshots) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, String.join("\n",
                "model: deeplabv2-tiny-multi",
                "method: source-only",
                "source-dataset: gta5",
                "data-dir: " + dir.resolve("synth/gta5"),
                "target-dataset: cityscapes",
                "data-dir-target: " + dir.resolve("synth/cityscapes"),
                "input-size: 64,32",
                "input-size-target: 64,32",
                "batch-size: 2",
                "num-workers: 1",
                "random-mirror: true",
                "snapshot-dir: " + dir.resolve(snapshots),
                "learning-rate: 1.0e-2",
                "num-steps: 30",
                "num-steps-stop: 30",
                "save-pred-every: 10",
                "log-every: 10",
                "val-every: 10",
                ""));
        return file;
    }

    @Test
    void trainsResumesAndValidates() throws Exception {
        Path cfg = config("run", "snap");
        Run first = train("--config", cfg.toString(), "--set", "num-steps-stop=20");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("iter =        0/      30, loss_seg1 = "), first.out());
        assertTrue(first.out().contains("validation at 10: mIoU = "), first.out());
        assertTrue(first.out().contains("done at iteration 20"), first.out());
        Path snap = dir.resolve("snap");
        assertTrue(Files.isDirectory(snap.resolve("iter_00000020")));

        Run resumed = train("--resume-from", snap.toString(), "--set", "num-steps-stop=30");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resumed from " + snap.resolve("iter_00000020") + " at iteration 20"), resumed.out());
        assertTrue(resumed.out().contains("iter =       20/      30"), resumed.out());
        assertTrue(resumed.out().contains("done at iteration 30"), resumed.out());

        List<String> csv = Files.readAllLines(snap.resolve("metrics.csv"));
        assertEquals(31, csv.size(), "header + 30 iterations, each once");
        int main = List.of(csv.getFirst().split(",")).indexOf("loss_seg2");
        double first5 = mean(csv.subList(1, 6), main);
        double last5 = mean(csv.subList(26, 31), main);
        assertTrue(last5 < first5, "loss_seg2 went from " + first5 + " to " + last5);

        List<String> val = Files.readAllLines(snap.resolve("validation.csv"));
        assertEquals("iteration,miou,fwiou,pixel_accuracy,images", val.getFirst());
        assertEquals(List.of("10", "20", "30"), val.subList(1, val.size()).stream().map(r -> r.split(",")[0]).toList());
        for (String row : val.subList(1, val.size())) {
            double miou = Double.parseDouble(row.split(",")[1]);
            assertTrue(miou > 0 && miou <= 1, row);
            assertEquals("3", row.split(",")[4], row);
        }
        assertTrue(Files.size(snap.resolve("curves.png")) > 1000);
        assertTrue(Files.isRegularFile(snap.resolve("best/networks/G.npz")));
    }

    private static double mean(List<String> rows, int column) {
        return rows.stream().mapToDouble(r -> Double.parseDouble(r.split(",")[column])).average().orElseThrow();
    }

    /**
     * The failure mode of issue 16: lr 1e3 drove the loss to 1e8 with exit code 0 and no word. The
     * loss jumps from 3 to about 5e4 at the second iteration, so six iterations show it.
     */
    @Test
    void aDivergingRunIsReportedAndStoppedWhenTheConfigSaysSo() throws Exception {
        Path cfg = config("diverge", "diverge-snap");
        String[] common = {"--config", cfg.toString(), "--set", "learning-rate=1000", "--set", "val-every=0", "--set",
            "num-steps=6", "--set", "num-steps-stop=6", "--set", "save-pred-every=6"};
        Run warned = train(common);
        assertEquals(0, warned.code(), warned.err());
        assertTrue(warned.out().contains("warning: loss loss_seg"), warned.out());
        assertTrue(warned.out().contains("; the run goes on (on-divergence: warn)"), warned.out());
        assertEquals(1, warned.out().split("diverged at iteration", -1).length - 1, "warned once: " + warned.out());

        String[] stopping = Stream.concat(Arrays.stream(common), Stream.of("--set", "on-divergence=stop",
                "--set", "snapshot-dir=" + dir.resolve("diverge-stop"))).toArray(String[]::new);
        Run stopped = train(stopping);
        assertEquals(1, stopped.code(), stopped.out());
        assertTrue(stopped.err().contains("diverged at iteration"), stopped.err());
        assertTrue(stopped.err().contains("training stopped (on-divergence: stop), the last good checkpoint is none"),
                stopped.err());
        assertTrue(!stopped.out().contains("done at iteration"), stopped.out());
    }

    @Test
    void badConfigsFailNamingTheProblem() throws Exception {
        Path cfg = config("bad", "bad-snap");
        Run missing = train("--config", dir.resolve("nope.yaml").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("nope.yaml: config file not found"), missing.err());

        Run unknown = train("--config", cfg.toString(), "--set", "learning-rat=0.1");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("unknown key 'learning-rat'"), unknown.err());

        Run badValue = train("--config", cfg.toString(), "--set", "batch-size=0");
        assertEquals(1, badValue.code());
        assertTrue(badValue.err().contains("batch-size must be a positive integer, found '0'"), badValue.err());

        Run badMethod = train("--config", cfg.toString(), "--set", "method=advnot");
        assertEquals(1, badMethod.code());
        assertTrue(badMethod.err().contains("method must be one of [source-only, advnet"), badMethod.err());

        Run noData = train("--config", cfg.toString(), "--set", "data-dir=" + dir.resolve("absent"));
        assertEquals(1, noData.code());
        assertTrue(noData.err().contains("data-dir: data folder " + dir.resolve("absent") + " does not exist"), noData.err());

        Run neither = train();
        assertEquals(2, neither.code());
        assertTrue(neither.err().contains("--config FILE is required"), neither.err());
        assertTrue(!Files.exists(dir.resolve("bad-snap")), "no snapshot directory for a run that never started");
    }

    @Test
    void restoreFromTheCocoInitSkipsLayer5AndAMissingOneSaysWhereItIsPublished() throws Exception {
        Path cfg = config("init", "init-snap");
        Path missingInit = dir.resolve("model/DeepLab_resnet_pretrained_init-f81d91e8.pth");
        Run missing = train("--config", cfg.toString(), "--set", "restore-from=" + missingInit);
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("restore-from " + missingInit + " does not exist")
                && missing.err().contains("DeepLab-v2 ResNet-101 COCO initialisation")
                && missing.err().contains("http://vllab.ucmerced.edu/ytsai/CVPR18/DeepLab_resnet_pretrained_init-f81d91e8.pth"),
                missing.err());

        Path init = io.adaptseg.train.weights.torch.TorchFixtures.unpack("coco-init-legacy.pth", dir);
        Run restored = train("--config", cfg.toString(), "--set", "restore-from=" + init, "--set", "num-steps=2",
                "--set", "num-steps-stop=2", "--set", "save-pred-every=2", "--set", "val-every=0");
        assertEquals(0, restored.code(), restored.out() + restored.err());
        assertTrue(restored.out().contains("115 loaded, 16 missing") && restored.out().contains("8 skipped")
                && restored.out().contains("name map deeplabv2-coco-init (detected"), restored.out());
    }
}
