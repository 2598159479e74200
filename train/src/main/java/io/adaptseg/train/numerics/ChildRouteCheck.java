package io.adaptseg.train.numerics;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Checks one route in a child JVM running {@link RouteProbe}, so that a route that kills its process
 * (oneDNN's SIGFPE) is reported as {@link RouteVerdict.Outcome#CRASHED} instead of taking the caller
 * down. The child has this JVM's class path, java binary and {@code ai.djl.*} properties; its crash
 * log goes to the temporary folder and is deleted once read.
 */
final class ChildRouteCheck {
    private static final long TIMEOUT_SECONDS = 300;
    private static final int TAIL_LINES = 12;

    private ChildRouteCheck() {
    }

    /**
     * Runs the check of {@code route} in a child JVM.
     *
     * @throws IOException when no child JVM can be started at all
     */
    static RouteVerdict check(ConvolutionRoute route) throws IOException, InterruptedException {
        Path errorFile = Files.createTempFile("adaptseg-numerics-crash-", ".log");
        Files.delete(errorFile); // the JVM writes it only on a crash
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-XX:ErrorFile=" + errorFile);
        command.add("-XX:-CreateCoredumpOnCrash");
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("ai.djl."))
                .sorted().forEach(k -> command.add("-D" + k + "=" + System.getProperty(k)));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(RouteProbe.class.getName());
        command.add(route.id());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String verdictJson = null;
        Deque<String> tail = new ArrayDeque<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(RouteProbe.PREFIX)) {
                    verdictJson = line.substring(RouteProbe.PREFIX.length());
                } else if (!line.contains("NNPACK")) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            }
        }
        if (!child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            return crashed(route, "no answer within " + TIMEOUT_SECONDS + " s");
        }
        try {
            if (verdictJson != null && child.exitValue() == 0) {
                return new ObjectMapper().readValue(verdictJson, RouteVerdict.class);
            }
            String why = crashSummary(errorFile).orElse(String.join(" | ", tail));
            return crashed(route, "the checking JVM died (exit " + child.exitValue() + "): " + why);
        } finally {
            Files.deleteIfExists(errorFile);
        }
    }

    private static RouteVerdict crashed(ConvolutionRoute route, String detail) {
        return new RouteVerdict(route.id(), RouteVerdict.Outcome.CRASHED, -1, "", -1, detail);
    }

    /** The signal and problematic frame from the JVM's crash log, e.g. "SIGFPE … est_eff_1x1()". */
    private static java.util.Optional<String> crashSummary(Path errorFile) throws IOException {
        if (!Files.isRegularFile(errorFile)) {
            return java.util.Optional.empty();
        }
        String signal = null;
        String frame = null;
        try (var lines = Files.lines(errorFile, StandardCharsets.ISO_8859_1)) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (signal == null && line.matches("#\\s+SIG\\w+.*")) {
                    signal = line.substring(1).trim().split(" ")[0];
                }
                if (frame == null && line.startsWith("# C  [")) {
                    frame = line.substring(line.indexOf(']') + 1).trim();
                    frame = frame.replaceAll("\\+0x[0-9a-f]+$", "");
                }
                if (signal != null && frame != null) {
                    break;
                }
            }
        }
        return java.util.Optional.of((signal == null ? "crash" : signal) + (frame == null ? "" : " in " + frame));
    }
}
