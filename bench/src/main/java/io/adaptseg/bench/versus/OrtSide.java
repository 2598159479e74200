package io.adaptseg.bench.versus;

import io.adaptseg.bench.LatencyStats;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.model.TensorNames;
import io.adaptseg.runtime.SegmentationSession;
import io.adaptseg.runtime.backend.BackendKind;
import io.adaptseg.runtime.backend.BackendOptions;
import io.adaptseg.runtime.provider.ExecutionProviders;
import io.adaptseg.runtime.provider.FallbackPolicy;
import io.adaptseg.runtime.provider.ProviderSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The ONNX Runtime side of {@link PytorchComparison}, run in a JVM of its own: its GEMM peak first, in
 * a pass of its own, then the model. In the comparing JVM, libtorch's OpenMP threads and DJL's state
 * share the two cores with ONNX Runtime's pool (a run there timed ORT 40 % slower than {@code bench
 * runtime} on the same model); in a child, ORT is timed exactly as {@code bench runtime} times it.
 */
public final class OrtSide {
    static final String PREFIX = "adaptseg-ort-side: ";

    /** What the child measured: its best GEMM rate and the model's latencies. */
    public record Timing(double gemmGflops, LatencyStats latency, String providers) {
    }

    private OrtSide() {
    }

    /** The child's entry point; arguments as {@link #command} writes them. */
    public static void main(String[] args) throws Exception {
        int i = 0;
        Path model = Path.of(args[i++]);
        BackendKind backend = BackendKind.parse(args[i++]);
        ExecutionProviders providers = ExecutionProviders.parse(args[i++], FallbackPolicy.parse(args[i++]));
        int intra = Integer.parseInt(args[i++]);
        int inter = Integer.parseInt(args[i++]);
        Optional<Path> library = args[i].isEmpty() ? Optional.empty() : Optional.of(Path.of(args[i]));
        i++;
        int batch = Integer.parseInt(args[i++]);
        int height = Integer.parseInt(args[i++]);
        int width = Integer.parseInt(args[i++]);
        int warmup = Integer.parseInt(args[i++]);
        int iterations = Integer.parseInt(args[i++]);
        int gemmSize = Integer.parseInt(args[i++]);
        int gemmPasses = Integer.parseInt(args[i]);
        double gemm = GemmPeak.ort(gemmSize, intra, gemmPasses);
        BackendOptions options = new BackendOptions(providers, intra, inter, library);
        float[] input = input(Math.toIntExact((long) batch * 3 * height * width));
        double[] millis = new double[iterations];
        String active;
        try (SegmentationSession session = SegmentationSession.open(model, backend, options)) {
            active = session.providers().active().specName();
            List<String> outputs = List.of(TensorNames.LOGITS);
            for (int w = 0; w < warmup; w++) {
                session.run(input, batch, height, width, outputs);
            }
            for (int k = 0; k < iterations; k++) {
                long t0 = System.nanoTime();
                session.run(input, batch, height, width, outputs);
                millis[k] = (System.nanoTime() - t0) / 1e6;
            }
        }
        StringBuilder line = new StringBuilder(PREFIX).append(String.format(Locale.ROOT, "%.6f %s", gemm, active));
        for (double m : millis) {
            line.append(String.format(Locale.ROOT, " %.4f", m));
        }
        System.out.println(line);
    }

    /** Runs the child and returns what it measured; its other output is passed to {@code log}. */
    static Timing measure(Path model, BackendKind backend, BackendOptions options, int batch, int height, int width,
            int warmup, int iterations, int gemmSize, int gemmPasses, java.io.PrintStream log)
            throws AdaptsegException, IOException {
        List<String> command = command(model, backend, options, batch, height, width, warmup, iterations, gemmSize,
                gemmPasses);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String result = null;
        List<String> other = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(PREFIX)) {
                    result = line.substring(PREFIX.length());
                } else {
                    other.add(line);
                }
            }
            if (!child.waitFor(1, TimeUnit.HOURS) || child.exitValue() != 0 || result == null) {
                child.destroyForcibly();
                throw new AdaptsegException("the ONNX Runtime timing process failed (exit "
                        + (child.isAlive() ? "none" : child.exitValue()) + "): "
                        + String.join(" | ", other.subList(Math.max(0, other.size() - 6), other.size())));
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AdaptsegException("interrupted while timing ONNX Runtime", e);
        }
        other.forEach(log::println);
        String[] parts = result.trim().split(" ");
        double[] millis = new double[parts.length - 2];
        for (int k = 0; k < millis.length; k++) {
            millis[k] = Double.parseDouble(parts[k + 2]);
        }
        return new Timing(Double.parseDouble(parts[0]), LatencyStats.of(millis), parts[1]);
    }

    private static List<String> command(Path model, BackendKind backend, BackendOptions options, int batch,
            int height, int width, int warmup, int iterations, int gemmSize, int gemmPasses) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(OrtSide.class.getName());
        command.add(model.toString());
        command.add(backend.id());
        command.add(options.providers().requested().stream().map(ProviderSpec::toString).collect(Collectors.joining(",")));
        command.add(options.providers().fallback().name().toLowerCase(Locale.ROOT));
        command.add(Integer.toString(options.intraOpThreads()));
        command.add(Integer.toString(options.interOpThreads()));
        command.add(options.ortLibrary().map(Path::toString).orElse(""));
        for (int v : new int[] {batch, height, width, warmup, iterations, gemmSize, gemmPasses}) {
            command.add(Integer.toString(v));
        }
        return command;
    }

    /** A fixed Gaussian input, the same in both JVMs. */
    static float[] input(int count) {
        return GemmPeak.random(count, 2);
    }
}
