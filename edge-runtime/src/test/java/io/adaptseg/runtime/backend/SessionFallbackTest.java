package io.adaptseg.runtime.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.runtime.TestModels;
import io.adaptseg.runtime.provider.ExecutionProviders;
import io.adaptseg.runtime.provider.FallbackPolicy;
import io.adaptseg.runtime.provider.ProviderKind;
import io.adaptseg.runtime.provider.ProviderUnavailableException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fallback when a provider appends but the session cannot be created, on the Java backend. The seam:
 * this CPU-only library cannot append an accelerator, so the test's appender "appends" cuda by
 * setting {@code session.disable_cpu_ep_fallback} instead; ONNX Runtime itself then fails
 * CreateSession (every node would run on the CPU), as a real provider does that appends and then
 * cannot initialise its device or compile the graph.
 */
class SessionFallbackTest {
    static final String ORT_REASON = "fallback to CPU EP has been explicitly disabled";

    private static final OrtJavaBackend.Appender APPENDS_THEN_FAILS_AT_CREATION = (so, spec) -> {
        try {
            so.addConfigEntry(OrtJavaBackend.DISABLE_CPU_EP_FALLBACK, "1");
        } catch (OrtException e) {
            throw new ProviderUnavailableException(e.getMessage(), e);
        }
    };

    @TempDir
    Path dir;

    @Test
    void fallbackCpuRetriesWithTheNextProviderAndPrintsTheReason() throws Exception {
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 3);
        ExecutionProviders p = ExecutionProviders.parse("cuda:0,cpu", FallbackPolicy.CPU);
        try (OrtJavaBackend b = OrtJavaBackend.open(model, BackendOptions.cpu().withProviders(p),
                APPENDS_THEN_FAILS_AT_CREATION)) {
            assertEquals(ProviderKind.CPU, b.providers().active());
            List<String> problems = b.providers().problems();
            assertEquals(1, problems.size(), problems::toString);
            assertTrue(problems.getFirst().startsWith("ONNX Runtime appended [cuda:device_id=0] on the java backend"
                    + " but could not create the session: ") && problems.getFirst().contains(ORT_REASON)
                    && problems.getFirst().endsWith("; retrying without cuda:device_id=0"), problems.getFirst());
            float[] image = new float[3 * 32 * 64];
            assertEquals(2, b.run("image", image, new long[] {1, 3, 32, 64}, List.of("logits", "labels")).size());
        }
    }

    @Test
    void fallbackFailNamesTheProviderAndOnnxRuntimesReason() throws Exception {
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 3);
        ExecutionProviders p = ExecutionProviders.parse("cuda:0", FallbackPolicy.FAIL);
        AdaptsegException e = assertThrows(AdaptsegException.class,
                () -> OrtJavaBackend.open(model, BackendOptions.cpu().withProviders(p), APPENDS_THEN_FAILS_AT_CREATION));
        assertTrue(e.getMessage().startsWith(model + ": ONNX Runtime appended [cuda:device_id=0] on the java backend")
                && e.getMessage().contains(ORT_REASON) && e.getMessage().contains("session.disable_cpu_ep_fallback"),
                e.getMessage());
    }
}
