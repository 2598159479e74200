package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.train.weights.torch.TorchFixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code adaptseg bench runtime --versus-pytorch}: a small published-layout checkpoint timed on DJL's
 * PyTorch engine and on the edge runtime, with the report's last lines.
 */
class BenchVersusPytorchCommandTest {
    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        assertTrue(m.find(), "no match for " + regex + " in:\n" + text);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void printsTheMediansAndTheSpeedUpLastWithMultiplyAddsAndThePeak(@TempDir Path dir) throws Exception {
        Path weights = TorchFixtures.unpack("maxsquare-multi.pth", dir);
        CommandRun r = run("bench", "runtime", "--versus-pytorch", "--weights", weights.toString(), "--architecture",
                "deeplabv2-tiny-multi", "--size", "96x64", "--iterations", "3", "--warmup", "1", "--threads", "1");
        assertEquals(0, r.code(), r.out() + r.err());
        List<String> lines = r.out().strip().lines().toList();
        int n = lines.size();
        assertTrue(lines.get(n - 3).matches("pytorch p50 ms: \\d+\\.\\d"), r.out());
        assertTrue(lines.get(n - 2).matches("ort p50 ms: \\d+\\.\\d"), r.out());
        assertTrue(lines.get(n - 1).matches("ort/pytorch speed-up: \\d+\\.\\d\\d"), r.out());
        double pytorch = number(r.out(), "^pytorch p50 ms: (\\S+)$");
        double ort = number(r.out(), "^ort p50 ms: (\\S+)$");
        double speedUp = number(r.out(), "^ort/pytorch speed-up: (\\S+)$");
        assertTrue(pytorch > 0 && ort > 0, r.out());
        // the printed speed-up is the ratio of the medians, which are printed rounded to 0.05 ms either way
        // (4.0 / 1.0 may stand for 4.04 / 0.95 = 4.25), plus the speed-up's own rounding
        assertTrue(speedUp >= (pytorch - 0.05) / (ort + 0.05) - 0.005
                && speedUp <= (pytorch + 0.05) / (ort - 0.05) + 0.005, r.out());

        double macs = number(r.out(), "^multiply-adds: (\\S+) G per run at \\[1, 3, 64, 96\\]");
        assertTrue(macs > 0, r.out());
        double peak = number(r.out(), "^machine peak: (\\S+) GFLOP/s float32");
        assertTrue(peak > 0, r.out());
        // each side's rate is the counted operations over its median, and a fraction of the peak
        double ortRate = number(r.out(), "^ort\\s+\\S+\\s+\\S+\\s+\\S+\\s+(\\S+)\\s+\\S+%$");
        // every printed figure is rounded (G to 0.01, ms to 0.1, GFLOP/s to 0.1): the rate lies within
        // what the rounded multiply-adds and median allow
        assertTrue(ortRate >= 2 * (macs - 0.005) / ((ort + 0.05) / 1000) - 0.05
                && ortRate <= 2 * (macs + 0.005) / ((ort - 0.05) / 1000) + 0.05, r.out());
        double ortShare = number(r.out(), "^ort\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\S+\\s+(\\S+)%$");
        assertEquals(100 * ortRate / peak, ortShare, 0.05 * ortShare + 0.1, r.out());
    }

    /**
     * The figures agree with each other: ONNX Runtime never runs above the measured peak (10 % of noise
     * allowed: the peak is a best-of-8 GEMM, the model a median), and its time here is no worse than
     * {@code bench runtime}'s on the same network exported by {@code export}, which times the labels output
     * (logits + upsample + argmax) where this times the logits alone. Before ORT ran in a JVM of its own,
     * libtorch's threads beside it made this time 40 % slower than {@code bench runtime}'s on DeepLab-v2 R101.
     */
    @Test
    void ortIsWithinThePeakAndAsFastAsBenchRuntimeOnTheSameNetwork(@TempDir Path dir) throws Exception {
        Path weights = TorchFixtures.unpack("maxsquare-multi.pth", dir);
        CommandRun versus = run("bench", "runtime", "--versus-pytorch", "--weights", weights.toString(),
                "--architecture", "deeplabv2-tiny-multi", "--size", "256x128", "--iterations", "15", "--warmup", "3",
                "--threads", "1");
        assertEquals(0, versus.code(), versus.out() + versus.err());
        double share = number(versus.out(), "^ort\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\S+\\s+(\\S+)%$");
        assertTrue(share <= 110, versus.out());
        assertTrue(versus.out().contains("in its own JVM"), versus.out());

        Path model = dir.resolve("m.onnx");
        CommandRun export = run("export", "--weights", weights.toString(), "--architecture", "deeplabv2-tiny-multi",
                "--input-size", "256x128", "--out", model.toString(), "--no-parity");
        assertEquals(0, export.code(), export.out() + export.err());
        CommandRun bench = run("bench", "runtime", "--model", model.toString(), "--size", "256x128", "--backend", "java",
                "--iterations", "15", "--warmup", "3", "--threads", "1");
        assertEquals(0, bench.code(), bench.out() + bench.err());
        double benchP50 = number(bench.out(), "^java\\s+\\S+\\s+(\\d+\\.\\d)\\s");
        double versusP50 = number(versus.out(), "^ort p50 ms: (\\S+)$");
        assertTrue(versusP50 <= 1.5 * benchP50 + 1, "versus-pytorch ort " + versusP50 + " ms, bench runtime "
                + benchP50 + " ms\n" + versus.out() + bench.out());
    }

    @Test
    void aNetworkIsNeededAndAModelFileIsRefused(@TempDir Path dir) {
        CommandRun none = run("bench", "runtime", "--versus-pytorch");
        assertEquals(2, none.code(), none.out() + none.err());
        assertTrue(none.err().contains("--checkpoint DIR or --weights FILE"), none.err());
        CommandRun model = run("bench", "runtime", "--versus-pytorch", "--model", dir.resolve("m.onnx").toString(),
                "--checkpoint", dir.toString());
        assertEquals(2, model.code(), model.err());
        assertTrue(model.err().contains("not --model"), model.err());
        CommandRun plain = run("bench", "runtime", "--checkpoint", dir.toString());
        assertEquals(2, plain.code(), plain.err());
        assertTrue(plain.err().contains("--checkpoint goes with --versus-pytorch"), plain.err());
    }
}
