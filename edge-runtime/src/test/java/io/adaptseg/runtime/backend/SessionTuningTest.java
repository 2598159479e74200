package io.adaptseg.runtime.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.runtime.TestModels;
import io.adaptseg.runtime.nativeort.OrtNativeBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The speed settings reach ONNX Runtime on both bindings and never change what a model computes,
 * and a profile of several runs gives the operator times of the last one.
 */
class SessionTuningTest {
    @TempDir
    Path dir;

    private interface Opener {
        InferenceBackend open(Path model, BackendOptions options) throws Exception;
    }

    private static final List<Opener> BACKENDS = List.of(OrtJavaBackend::open, OrtNativeBackend::open);

    private static float[] input() {
        float[] x = new float[3 * 24 * 40];
        Random random = new Random(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian() * 40;
        }
        return x;
    }

    private static float[] logits(InferenceBackend b) throws Exception {
        return ((Tensor.Floats) b.run("image", input(), new long[] {1, 3, 24, 40}, List.of("logits")).get("logits"))
                .data();
    }

    @Test
    void everySettingGivesTheDefaultSessionsLogitsOnBothBackends() throws Exception {
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 4);
        float[] reference;
        try (InferenceBackend b = OrtJavaBackend.open(model, BackendOptions.cpu())) {
            reference = logits(b);
        }
        SessionTuning d = SessionTuning.DEFAULTS;
        List<SessionTuning> settings = List.of(d.withSpinning(false), d.withMemoryPattern(false), d.withCpuArena(false),
                d.withOptimization(GraphOptimization.NONE), d.withOptimization(GraphOptimization.BASIC),
                d.withOptimization(GraphOptimization.EXTENDED));
        for (Opener opener : BACKENDS) {
            for (SessionTuning t : settings) {
                try (InferenceBackend b = opener.open(model, BackendOptions.cpu().withThreads(1).withTuning(t))) {
                    assertArrayEquals(reference, logits(b), 1e-4f, t.toString());
                }
            }
        }
    }

    @Test
    void bothBackendsWriteTheOptimisedGraphAndItLoadsWithoutOptimisingAgain() throws Exception {
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 5);
        float[] reference;
        try (InferenceBackend b = OrtJavaBackend.open(model, BackendOptions.cpu())) {
            reference = logits(b);
        }
        int i = 0;
        for (Opener opener : BACKENDS) {
            Path optimized = dir.resolve("optimized-" + i++ + ".onnx");
            BackendOptions writer = BackendOptions.cpu().withTuning(SessionTuning.DEFAULTS.withOptimizedModel(optimized));
            try (InferenceBackend ignored = opener.open(model, writer)) {
                assertTrue(Files.size(optimized) > 0, optimized + " was not written");
            }
            BackendOptions reader = BackendOptions.cpu().withTuning(
                    SessionTuning.DEFAULTS.withOptimization(GraphOptimization.NONE));
            try (InferenceBackend b = opener.open(optimized, reader)) {
                assertEquals("cityscapes19", b.customMetadata().get("adaptseg.label_set"),
                        "the optimised graph keeps the model's metadata");
                assertArrayEquals(reference, logits(b), 1e-4f);
            }
        }
    }

    @Test
    void profilingSeveralRunsTimesTheOperatorsOfTheLast() throws Exception {
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 6);
        for (Opener opener : BACKENDS) {
            try (InferenceBackend b = opener.open(model, BackendOptions.cpu().withProfiledRuns(3))) {
                logits(b);
                logits(b);
                assertTrue(b.operatorTimes().isEmpty(), "read before the third run");
                assertTrue(b.placement().isEmpty());
                logits(b);
                OperatorTimes times = b.operatorTimes().orElseThrow();
                assertTrue(b.placement().isPresent());
                List<String> types = times.byType().stream().map(OperatorTimes.TypeTime::opType).toList();
                assertTrue(types.contains("Conv"), types.toString());
                // one run's nodes, not three runs' worth: the test model has one Conv
                assertEquals(1, times.byType().get(types.indexOf("Conv")).nodes());
                assertTrue(times.kernelMicros() <= times.runMicros(), times.toString());
                for (int k = 1; k < times.byType().size(); k++) {
                    assertTrue(times.byType().get(k - 1).micros() >= times.byType().get(k).micros());
                }
            }
        }
    }

    @Test
    void operatorTimesRejectAFileThatIsNotAProfileOrHasNoRun() throws IOException {
        Path notProfile = Files.writeString(dir.resolve("x.json"), "{\"a\": 1}");
        IOException e = assertThrows(IOException.class, () -> OperatorTimes.lastRun(notProfile));
        assertTrue(e.getMessage().startsWith(notProfile + ": not an ONNX Runtime profile"), e.getMessage());
        Path noRun = Files.writeString(dir.resolve("n.json"), "[{\"cat\":\"Session\",\"name\":\"model_loading_uri\"}]");
        e = assertThrows(IOException.class, () -> OperatorTimes.lastRun(noRun));
        assertTrue(e.getMessage().contains("no model_run"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void optionsRefuseImpossibleValues() {
        assertThrows(IllegalArgumentException.class, () -> BackendOptions.cpu().withProfiledRuns(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GraphOptimization.parse("max"));
        assertTrue(e.getMessage().contains("none, basic, extended, all"), e.getMessage());
    }
}
