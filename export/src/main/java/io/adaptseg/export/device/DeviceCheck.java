package io.adaptseg.export.device;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.model.TensorNames;
import io.adaptseg.export.parity.Deltas;
import io.adaptseg.runtime.SegmentationSession;
import io.adaptseg.runtime.backend.BackendKind;
import io.adaptseg.runtime.backend.BackendOptions;
import io.adaptseg.runtime.backend.Tensor;
import io.adaptseg.runtime.provider.ExecutionProviders;
import io.adaptseg.runtime.provider.FallbackPolicy;
import io.adaptseg.runtime.provider.ProviderKind;
import io.adaptseg.runtime.provider.ProviderOutcome;
import io.adaptseg.runtime.provider.ProviderSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one model on the CPU (the reference) and then on each provider of a spec, one session per
 * provider and the same input for all, and compares each with the CPU: argmax agreement of the
 * {@code labels} output, max |dlogit| of the {@code logits} output, p50 latency, and where ONNX
 * Runtime placed the nodes. Each accelerator is opened alone (with the CPU behind it for the nodes it
 * does not take, as {@code predict} runs it), so a provider that cannot open is reported with its
 * reason instead of silently running on the CPU.
 */
public final class DeviceCheck {
    private static final String CPU = ProviderKind.CPU.ortName();

    /**
     * How to run the check.
     *
     * @param ortLibrary the libonnxruntime of the native backend (empty: the jar's)
     * @param providers the spec's entries, in order; a {@code cpu} entry is a second CPU session
     * @param iterations timed runs per session, after one untimed run (which ONNX Runtime profiles for
     *     the placement, and in which TensorRT builds or loads its engine)
     */
    public record Settings(BackendKind backend, Optional<Path> ortLibrary, List<ProviderSpec> providers, int iterations,
                           TensorRtCache tensorRtCache) {
        public Settings {
            providers = List.copyOf(providers);
            if (providers.isEmpty()) {
                throw new IllegalArgumentException("at least one provider to check is needed");
            }
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be at least 1, found " + iterations);
            }
        }

        /** Whether the spec asks for anything besides the CPU. */
        public boolean asksForAccelerator() {
            return providers.stream().anyMatch(p -> p.kind() != ProviderKind.CPU);
        }
    }

    /** The reference and every provider's result for one model. */
    public record ModelReport(CheckedModel model, String referencePlacement, double referenceP50Millis,
                              List<ProviderResult> results) {
        public ModelReport {
            results = List.copyOf(results);
        }

        /** The model's header line, the reference line, then one line per provider. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add(String.format("model %s: sha256 %s, %s (from %s), so agreement with the CPU must be >= %s %%;"
                            + " input: a synthetic street scene at %dx%d (WxH)",
                    model.name(), model.sha256().substring(0, 12) + "…", model.precision().id(),
                    model.precisionSource(), percent(model.minAgreement()), model.metadata().inputWidth(),
                    model.metadata().inputHeight()));
            lines.add(String.format("  %-24s opened | %s | p50 %s ms", "cpu (reference)", referencePlacement,
                    ProviderResult.millis(referenceP50Millis)));
            results.forEach(r -> lines.add(r.toLine()));
            return lines;
        }
    }

    private DeviceCheck() {
    }

    /**
     * Checks one model on every provider of the settings.
     *
     * @throws AdaptsegException when the model cannot run even on the CPU (the model or the library is at fault)
     */
    public static ModelReport run(CheckedModel model, Settings settings) throws AdaptsegException {
        float[] input = ProbeImage.normalised(model.metadata());
        Measurement reference;
        try (SegmentationSession cpu = open(model, settings, ExecutionProviders.CPU_ONLY)) {
            reference = measure(cpu, model, input, settings.iterations());
        }
        List<ProviderResult> results = new ArrayList<>();
        for (ProviderSpec spec : settings.providers()) {
            results.add(checkOne(model, settings, spec, input, reference));
        }
        return new ModelReport(model, reference.placement(), reference.p50Millis(), results);
    }

    private static ProviderResult checkOne(CheckedModel model, Settings settings, ProviderSpec requested, float[] input,
                                           Measurement reference) throws AdaptsegException {
        ProviderSpec spec = requested;
        Optional<TensorRtCache.State> cache = Optional.empty();
        if (spec.kind() == ProviderKind.TENSORRT) {
            try {
                TensorRtCache.Prepared prepared = settings.tensorRtCache().prepare(spec, model.sha256());
                spec = prepared.spec();
                cache = Optional.of(prepared.state());
            } catch (IOException e) {
                throw new AdaptsegException("TensorRT engine cache: cannot create " + e.getMessage()
                        + "; choose another folder with --tensorrt-cache", e);
            }
        }
        ExecutionProviders providers = spec.kind() == ProviderKind.CPU ? ExecutionProviders.CPU_ONLY
                : new ExecutionProviders(List.of(spec), FallbackPolicy.CPU);
        double min = model.minAgreement();
        try (SegmentationSession session = open(model, settings, providers)) {
            ProviderOutcome outcome = session.providers();
            if (spec.kind() != ProviderKind.CPU && outcome.active() == ProviderKind.CPU) {
                String problem = outcome.problems().isEmpty() ? "ONNX Runtime did not take it" : outcome.problems().getFirst();
                return ProviderResult.notOpened(requested,
                        UnavailableReason.of(problem, spec.kind(), settings.backend()), min, describe(cache, false));
            }
            return compare(requested, session, model, input, settings.iterations(), reference, cache);
        } finally {
            cache.ifPresent(TensorRtCache.State::discardIfUnused);
        }
    }

    private static ProviderResult compare(ProviderSpec spec, SegmentationSession session, CheckedModel model,
                                          float[] input, int iterations, Measurement reference,
                                          Optional<TensorRtCache.State> cache) {
        Measurement m;
        try {
            m = measure(session, model, input, iterations);
        } catch (AdaptsegException e) {
            return new ProviderResult(spec, ProviderResult.Verdict.RUN_FAILED, e.getMessage(), session.placementLine(),
                    Double.NaN, Double.NaN, model.minAgreement(), Double.NaN, reference.p50Millis(), false,
                    describe(cache, true));
        }
        return compare(spec, model, reference, m, describe(cache, true));
    }

    /**
     * Judges one provider's measurement against the CPU's with the model's threshold: argmax agreement of
     * the labels, max |dlogit| when the logits have the same shape.
     */
    public static ProviderResult compare(ProviderSpec spec, CheckedModel model, Measurement reference,
                                         Measurement measured, Optional<String> cache) {
        boolean shapesMatch = Arrays.equals(measured.logitsShape(), reference.logitsShape());
        double agreement = Deltas.agreement(reference.labels(), measured.labels());
        double maxAbs = shapesMatch ? Deltas.of(reference.logits(), measured.logits())[0] : Double.NaN;
        return new ProviderResult(spec, ProviderResult.judge(agreement, shapesMatch, model.minAgreement()), "",
                measured.placement(), agreement, maxAbs, model.minAgreement(), measured.p50Millis(),
                reference.p50Millis(), measured.acceleratorRan(), cache);
    }

    private static Optional<String> describe(Optional<TensorRtCache.State> cache, boolean opened) {
        return cache.map(c -> c.describe(opened));
    }

    private static SegmentationSession open(CheckedModel model, Settings settings, ExecutionProviders providers)
            throws AdaptsegException {
        return SegmentationSession.open(model.file(), settings.backend(),
                new BackendOptions(providers, 0, 0, settings.ortLibrary()));
    }

    /**
     * What one session computed and how fast: the outputs of its last run, the p50 of the timed runs,
     * and the placement ONNX Runtime profiled.
     *
     * @param acceleratorRan whether a provider other than the CPU ran at least one node
     */
    public record Measurement(float[] logits, long[] logitsShape, int[] labels, double p50Millis, String placement,
                              boolean acceleratorRan) {
    }

    /**
     * Runs {@code input} (the model's input size, batch 1) once untimed, then {@code iterations} times timed.
     *
     * @throws AdaptsegException with ONNX Runtime's message when a run fails
     */
    public static Measurement measure(SegmentationSession session, CheckedModel model, float[] input, int iterations)
            throws AdaptsegException {
        int h = model.metadata().inputHeight();
        int w = model.metadata().inputWidth();
        List<String> outputs = List.of(TensorNames.LOGITS, TensorNames.LABELS);
        Map<String, Tensor> last = session.run(input, 1, h, w, outputs);
        double[] millis = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            last = session.run(input, 1, h, w, outputs);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        if (!(last.get(TensorNames.LOGITS) instanceof Tensor.Floats logits)
                || !(last.get(TensorNames.LABELS) instanceof Tensor.Ints labels)) {
            throw new AdaptsegException(model.file() + ": expected float logits and integer labels, found " + last.keySet());
        }
        boolean accelerator = session.backend().placement()
                .map(p -> p.nodes().keySet().stream().anyMatch(provider -> !provider.equals(CPU))).orElse(false);
        return new Measurement(logits.data(), logits.shape(), labels.data(), p50(millis), session.placementLine(), accelerator);
    }

    /** Nearest-rank median, as the benchmarks report p50. */
    private static double p50(double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(0.5 * sorted.length) - 1)];
    }

    static String percent(double fraction) {
        return java.math.BigDecimal.valueOf(100 * fraction).setScale(4, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }
}
