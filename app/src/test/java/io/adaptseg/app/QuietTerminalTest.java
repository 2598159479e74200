package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.train.weights.torch.TorchFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees: {@code export --weights} (DJL + libtorch, protobuf, ONNX Runtime, parity) and
 * {@code info} run as real child JVMs with the launcher's own JVM options (read from {@code ./adaptseg},
 * so the two cannot drift), and their whole output, stdout and stderr, has no {@code Warning:} or
 * {@code WARNING:} line (nor a DJL {@code WARN} log line). With {@code --verbose} (and without the
 * launcher's quiet options) libtorch's warning is back, so the check can fail.
 */
class QuietTerminalTest {
    private static final Path LAUNCHER = Path.of("..", "adaptseg");
    /** libtorch's and the JDK's warnings, and slf4j-simple's WARN lines (DJL's). */
    private static final Pattern WARNING = Pattern.compile("(?m)^.*(Warning:|WARNING:|\\] WARN ).*$");

    @TempDir
    Path dir;

    @Test
    void exportAndInfoPrintNoWarningLines() throws Exception {
        Path weights = TorchFixtures.unpack("maxsquare-multi.pth", dir);
        Path model = dir.resolve("m.onnx");
        Result export = run(launcherOptions(true), "export", "--weights", weights.toString(), "--architecture",
                "deeplabv2-tiny-multi", "--out", model.toString(), "--input-size", "96x64");
        assertEquals(0, export.code(), export.output());
        assertNoWarning(export);
        Result info = run(launcherOptions(true), "info", "--model", model.toString());
        assertEquals(0, info.code(), info.output());
        assertNoWarning(info);

        Result verbose = run(launcherOptions(false), "export", "--weights", weights.toString(), "--architecture",
                "deeplabv2-tiny-multi", "--out", dir.resolve("v.onnx").toString(), "--input-size", "96x64", "--verbose");
        assertEquals(0, verbose.code(), verbose.output());
        assertTrue(verbose.output().contains("Warning: AutoNonVariableTypeMode is deprecated"), verbose.output());
    }

    private static void assertNoWarning(Result r) {
        Matcher m = WARNING.matcher(r.output());
        assertFalse(m.find(), () -> "a warning line: " + m.group() + "\n--- whole output ---\n" + r.output());
    }

    /**
     * The JVM options of the launcher's app command ({@code app_opts}, class path left out); {@code quiet}:
     * with the quiet options it drops under --verbose ({@code quiet_jvm}).
     */
    static List<String> launcherOptions(boolean quiet) throws IOException {
        List<String> options = new ArrayList<>();
        String appOptions = null;
        for (String line : Files.readAllLines(LAUNCHER)) {
            String t = line.strip();
            if (quiet && t.startsWith("quiet_jvm=(")) {
                options.addAll(Arrays.asList(t.substring("quiet_jvm=(".length(), t.indexOf(')')).split(" ")));
            }
            if (t.startsWith("app_opts=(")) {
                appOptions = t;
            }
        }
        assertTrue(appOptions != null && appOptions.contains("\"${quiet_jvm[@]}\""),
                "the app's options in " + LAUNCHER + " must hold the quiet options: " + appOptions);
        for (String token : appOptions.substring("app_opts=(".length()).split(" ")) {
            if (token.equals("-cp")) {
                break;
            }
            if (token.startsWith("-")) {
                options.add(token);
            }
        }
        assertTrue(options.contains("--enable-native-access=ALL-UNNAMED"), options.toString());
        return options;
    }

    record Result(int code, String output) {
    }

    private Result run(List<String> jvmOptions, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(jvmOptions);
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "child", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("child did not finish: " + String.join(" ", args));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
