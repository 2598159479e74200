package io.adaptseg.runtime.nativeort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.runtime.TestModels;
import io.adaptseg.runtime.backend.BackendOptions;
import io.adaptseg.runtime.backend.OrtJavaBackend;
import io.adaptseg.runtime.provider.ExecutionProviders;
import io.adaptseg.runtime.provider.FallbackPolicy;
import io.adaptseg.runtime.provider.ProviderKind;
import io.adaptseg.runtime.provider.ProviderUnavailableException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fallback when a provider appends but the session cannot be created, on the native backend, through
 * the same seam as the Java backend's test: the "append" sets {@code session.disable_cpu_ep_fallback}
 * through the C API and ONNX Runtime's CreateSession fails for real.
 */
class NativeSessionFallbackTest {
    private static final String ORT_REASON = "fallback to CPU EP has been explicitly disabled";

    private static final OrtNativeBackend.Appender APPENDS_THEN_FAILS_AT_CREATION = (api, so, spec) -> {
        try {
            api.sessions().addSessionConfigEntry(so, OrtJavaBackend.DISABLE_CPU_EP_FALLBACK, "1");
        } catch (OrtNativeException e) {
            throw new ProviderUnavailableException(e.getMessage(), e);
        }
    };

    @TempDir
    Path dir;

    @Test
    void fallbackCpuRetriesAndFallbackFailNamesTheProviderAndReason() throws Exception {
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 3);
        ExecutionProviders lenient = ExecutionProviders.parse("cann:device_id=0,cpu", FallbackPolicy.CPU);
        try (OrtNativeBackend b = OrtNativeBackend.open(model, BackendOptions.cpu().withProviders(lenient),
                APPENDS_THEN_FAILS_AT_CREATION)) {
            assertEquals(ProviderKind.CPU, b.providers().active());
            List<String> problems = b.providers().problems();
            assertEquals(1, problems.size(), problems::toString);
            assertTrue(problems.getFirst().startsWith("ONNX Runtime appended [cann:device_id=0] on the native backend"
                    + " but could not create the session: ") && problems.getFirst().contains(ORT_REASON), problems.getFirst());
            assertEquals(2, b.run("image", new float[3 * 32 * 64], new long[] {1, 3, 32, 64},
                    List.of("logits", "labels")).size());
            assertTrue(b.placementLine().startsWith("placement: CPUExecutionProvider "), b.placementLine());
        }
        ExecutionProviders strict = ExecutionProviders.parse("cann:device_id=0", FallbackPolicy.FAIL);
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> OrtNativeBackend.open(model,
                BackendOptions.cpu().withProviders(strict), APPENDS_THEN_FAILS_AT_CREATION));
        assertTrue(e.getMessage().contains("[cann:device_id=0]") && e.getMessage().contains(ORT_REASON)
                && e.getMessage().contains("--fallback fail"), e.getMessage());
    }
}
