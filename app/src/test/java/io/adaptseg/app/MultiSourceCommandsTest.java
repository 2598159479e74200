package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.synth.SynthConfig;
import io.adaptseg.synth.SynthDataset;
import io.adaptseg.synth.SynthGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two labelled source domains through the commands, on generated synthetic data: {@code train} with
 * {@code data-dir-source2} logs both domains' losses and both go down; {@code experiment auxiliary}
 * runs its six rows and refuses to run without a usable {@code --auxiliary}. The auxiliary domain of
 * these tests is a copy of the synthetic source (a fixture: the translator is another command's).
 */
class MultiSourceCommandsTest {
    @TempDir
    static Path dir;

    /** The data of {@code experiment auxiliary --size 64x32 --source-images 8 --target-images 4} (seed 1234). */
    @BeforeAll
    static void generate() throws Exception {
        SynthGenerator.generate(new SynthConfig(1234, 32, 64, 8, 4, 2, EnumSet.of(SynthDataset.GTA5, SynthDataset.CITYSCAPES), 2),
                dir.resolve("synth"), false, n -> { });
        copy(dir.resolve("synth/gta5"), dir.resolve("auxiliary"));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
    }

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void trainsOnTwoSourcesAndLogsBothDomainsLosses() throws Exception {
        Path cfg = dir.resolve("two.yaml");
        Files.writeString(cfg, String.join("\n",
                "model: deeplabv2-tiny-multi",
                "method: source-only",
                "data-dir: " + dir.resolve("synth/gta5"),
                "data-dir-source2: " + dir.resolve("auxiliary"),
                "source-weights: [0.5, 0.5]",
                "input-size: 64,32",
                "batch-size: 2",
                "num-workers: 1",
                "snapshot-dir: " + dir.resolve("two-snap"),
                "learning-rate: 1.0e-2",
                "num-steps: 30",
                "num-steps-stop: 30",
                "save-pred-every: 30",
                "log-every: 10",
                ""));
        CommandRun r = run("train", "--config", cfg.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("drawn 50%; source2 "), r.out());
        List<String> csv = Files.readAllLines(dir.resolve("two-snap/metrics.csv"));
        List<String> header = List.of(csv.getFirst().split(","));
        assertEquals(List.of("iteration", "lr", "lr_D", "loss_seg1", "loss_seg1_src1", "loss_seg1_src2", "loss_seg2",
                "loss_seg2_src1", "loss_seg2_src2", "seconds"), header);
        for (String column : List.of("loss_seg2_src1", "loss_seg2_src2")) {
            int c = header.indexOf(column);
            double first = finiteMean(csv.subList(1, 11), c);
            double last = finiteMean(csv.subList(21, 31), c);
            assertTrue(last < first, column + " went from " + first + " to " + last);
        }
        assertTrue(Files.readString(dir.resolve("two-snap/iter_00000030/config.yaml")).contains("data-dir-source2: "));
    }

    /** The mean of a column over the rows where the domain had samples (a value, not NaN). */
    private static double finiteMean(List<String> rows, int column) {
        return rows.stream().mapToDouble(r -> Double.parseDouble(r.split(",")[column])).filter(Double::isFinite).average()
                .orElseThrow(() -> new AssertionError("no value in column " + column + " of " + rows));
    }

    @Test
    void theAuxiliaryExperimentComparesEachMethodWithAndWithoutTheDomain() throws Exception {
        Path out = dir.resolve("experiment");
        CommandRun r = run("experiment", "auxiliary", "--auxiliary", dir.resolve("auxiliary").toString(), "--out", out.toString(),
                "--iterations", "2", "--size", "64x32", "--source-images", "8", "--target-images", "4");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("the source's 6 training images by name, 50% of the source draws"), r.out());
        String table = Files.readString(out.resolve("auxiliary.md"));
        for (String row : List.of("| source-only | no | 1234 | scratch | 2 |", "| MS | no | 1234 | source-only | 4 |",
                "| IW-MS-multi | no | 1234 | source-only | 4 |", "| source-only | yes | 1234 | scratch | 2 |",
                "| MS | yes | 1234 | source-only + aux | 4 |",
                "| IW-MS-multi | yes | 1234 | source-only + aux | 4 |")) {
            assertTrue(table.contains(row), row + " in\n" + table);
        }
        assertTrue(r.out().contains(table), "the table is printed too");
        assertTrue(Files.readAllLines(out.resolve("ms-aux-s1234/metrics.csv")).getFirst().contains(",loss_seg_src1,loss_seg_src2,"));
        assertTrue(Files.readAllLines(out.resolve("ms-s1234/metrics.csv")).getFirst().startsWith("iteration,lr,lr_D,loss_seg,loss_target"));
        assertTrue(table.contains("| source-only | 1 | "), "a one-seed summary:\n" + table);

        // a second seed over the same --out: seed 1234's runs are finished, so they are only scored again (same numbers)
        CommandRun more = run("experiment", "auxiliary", "--auxiliary", dir.resolve("auxiliary").toString(), "--out",
                out.toString(), "--iterations", "2", "--size", "64x32", "--source-images", "8", "--target-images", "4",
                "--seeds", "1234,7");
        assertEquals(0, more.code(), more.err());
        String both = Files.readString(out.resolve("auxiliary.md"));
        for (String line : table.lines().filter(l -> l.contains("| 1234 |")).toList()) {
            String scores = line.substring(0, line.lastIndexOf("| ")); // all but the training seconds
            assertTrue(both.contains(scores), scores + " again in\n" + both);
        }
        assertTrue(both.contains("(resumed at 2)") && both.contains("| MS | yes | 7 | source-only + aux | 4 |"), both);
        assertTrue(both.contains("| IW-MS-multi | 2 | "), "the summary pairs two seeds:\n" + both);

        // other settings over the same folders would mix two experiments in one row
        CommandRun other = run("experiment", "auxiliary", "--auxiliary", dir.resolve("auxiliary").toString(), "--out",
                out.toString(), "--iterations", "2", "--size", "64x32", "--source-images", "8", "--target-images", "4",
                "--lr", "5e-3");
        assertEquals(1, other.code());
        assertTrue(other.err().contains(out.resolve("source-only-s1234") + " holds a run with other settings"), other.err());
        // the auxiliary folder rewritten (as a new stylize would): its runs were trained on other images
        Path image = Files.list(dir.resolve("auxiliary/images")).sorted().findFirst().orElseThrow();
        Files.setLastModifiedTime(image, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(image)
                .toMillis() + 60_000));
        CommandRun changed = run("experiment", "auxiliary", "--auxiliary", dir.resolve("auxiliary").toString(), "--out",
                out.toString(), "--iterations", "2", "--size", "64x32", "--source-images", "8", "--target-images", "4");
        assertEquals(1, changed.code(), changed.out());
        assertTrue(changed.err().contains(out.resolve("source-only-aux-s1234") + " holds a run of other inputs")
                && changed.err().contains("auxiliary: "), changed.err());
        CommandRun twice = run("experiment", "auxiliary", "--auxiliary", dir.resolve("auxiliary").toString(), "--seeds", "1,1");
        assertEquals(2, twice.code());
        assertTrue(twice.err().contains("--seeds: every seed once"), twice.err());
    }

    @Test
    void theAuxiliaryExperimentNeedsAnAuxiliaryDataset() {
        CommandRun missing = run("experiment", "auxiliary", "--out", dir.resolve("x").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--auxiliary DIR is required") && missing.err().contains("adaptseg stylize"),
                missing.err());
        CommandRun absent = run("experiment", "auxiliary", "--auxiliary", dir.resolve("nope").toString(), "--out",
                dir.resolve("x").toString());
        assertEquals(1, absent.code());
        assertTrue(absent.err().contains("--auxiliary: data folder " + dir.resolve("nope") + " does not exist"), absent.err());
        CommandRun weight = run("experiment", "auxiliary", "--auxiliary", dir.resolve("auxiliary").toString(), "--auxiliary-weight", "1");
        assertEquals(2, weight.code());
        assertTrue(weight.err().contains("--auxiliary-weight: must be below 1"), weight.err());
        assertTrue(!Files.exists(dir.resolve("x")), "nothing generated before the options are checked");
    }
}
