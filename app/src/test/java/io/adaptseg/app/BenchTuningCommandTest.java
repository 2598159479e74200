package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.runtime.TestModels;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code adaptseg bench tuning}: every variant gets a row, the speed column is the ratio of medians, and a profile. */
class BenchTuningCommandTest {
    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void timesEveryVariantAgainstTheFirstAndProfilesIt(@TempDir Path dir) throws Exception {
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 2);
        List<String> variants = List.of("threads=1", "native+threads=1", "threads=1+no-spinning", "opt=basic",
                "no-memory-pattern+no-arena", "cached");
        CommandRun r = run("bench", "tuning", "--model", model.toString(), "--variants", String.join(",", variants),
                "--iterations", "3", "--warmup", "2");
        assertEquals(0, r.code(), r.out() + r.err());
        double first = -1;
        for (String v : variants) {
            Matcher m = Pattern.compile("^" + Pattern.quote(v) + "\\s+(\\S+)\\s+(\\S+)\\s+\\S+\\s+\\S+\\s+(\\S+)x$",
                    Pattern.MULTILINE).matcher(r.out());
            assertTrue(m.find(), "no row for " + v + " in:\n" + r.out());
            double p50 = Double.parseDouble(m.group(2));
            double speed = Double.parseDouble(m.group(3));
            if (first < 0) {
                first = p50;
                assertEquals(1.0, speed, 1e-9, r.out());
            } else {
                // both medians are printed to 0.1 ms and the ratio to 0.01
                assertTrue(speed >= (first - 0.05) / (p50 + 0.05) - 0.005
                        && speed <= (first + 0.05) / Math.max(1e-3, p50 - 0.05) + 0.005, v + ":\n" + r.out());
            }
        }
        assertTrue(r.out().contains("where the time goes (threads=1, last warm-up run"), r.out());
        assertTrue(Pattern.compile("^Conv\\s+1\\s+\\S+\\s+\\S+%$", Pattern.MULTILINE).matcher(r.out()).find(), r.out());
    }

    @Test
    void anUnknownSettingIsAUsageErrorNamingItAndTheVocabulary(@TempDir Path dir) throws Exception {
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 2);
        CommandRun r = run("bench", "tuning", "--model", model.toString(), "--variants", "default,threads=2+turbo");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--variants") && r.err().contains("unknown setting 'turbo'")
                && r.err().contains("no-spinning"), r.err());
        CommandRun zero = run("bench", "tuning", "--model", model.toString(), "--variants", "threads=0");
        assertEquals(2, zero.code(), zero.err());
        assertTrue(zero.err().contains("threads must be a whole number >= 1"), zero.err());
        CommandRun missing = run("bench", "tuning", "--model", dir.resolve("none.onnx").toString(), "--variants", "default");
        assertEquals(1, missing.code(), missing.err());
        assertTrue(missing.err().contains("none.onnx"), missing.err());
    }
}
