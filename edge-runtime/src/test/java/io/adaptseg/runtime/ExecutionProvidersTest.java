package io.adaptseg.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.runtime.backend.BackendKind;
import io.adaptseg.runtime.backend.BackendOptions;
import io.adaptseg.runtime.provider.ExecutionProviders;
import io.adaptseg.runtime.provider.FallbackPolicy;
import io.adaptseg.runtime.provider.ProviderKind;
import io.adaptseg.runtime.provider.ProviderSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExecutionProvidersTest {
    @TempDir
    Path dir;

    @Test
    void parsesSpecs() {
        ExecutionProviders p = ExecutionProviders.parse("cuda:0,cpu", FallbackPolicy.CPU);
        assertEquals(List.of(new ProviderSpec(ProviderKind.CUDA, Map.of("device_id", "0")),
                new ProviderSpec(ProviderKind.CPU, Map.of())), p.requested());
        ProviderSpec trt = ExecutionProviders.parse("tensorrt:device_id=1,fp16=true", FallbackPolicy.FAIL).requested().getFirst();
        assertEquals(Map.of("device_id", "1", "trt_fp16_enable", "true"), trt.options());
        assertEquals(1, trt.deviceId());
        ProviderSpec cann = ExecutionProviders.parse("cann:device_id=0,precision_mode=force_fp32", FallbackPolicy.CPU)
                .requested().getFirst();
        assertEquals("cann:device_id=0,precision_mode=force_fp32", cann.toString());
    }

    @Test
    void badSpecsNameTheToken() {
        var e = assertThrows(IllegalArgumentException.class, () -> ExecutionProviders.parse("gpu:0", FallbackPolicy.CPU));
        assertTrue(e.getMessage().contains("'gpu'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ExecutionProviders.parse("cuda:device_id=x", FallbackPolicy.CPU));
        assertTrue(e.getMessage().contains("device_id"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FallbackPolicy.parse("maybe"));
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void acceleratorsFallBackToCpuWithReasons(BackendKind backend) throws Exception {
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 3);
        ExecutionProviders p = ExecutionProviders.parse("cann:device_id=0,precision_mode=force_fp32,cuda:0,tensorrt:fp16=true,cpu",
                FallbackPolicy.CPU);
        try (SegmentationSession s = SegmentationSession.open(model, backend, BackendOptions.cpu().withProviders(p))) {
            assertEquals(ProviderKind.CPU, s.providers().active());
            List<String> problems = s.providers().problems();
            assertEquals(3, problems.size(), problems.toString());
            assertTrue(problems.get(0).contains("--ort-library") && problems.get(0).contains("CANN"), problems.get(0));
            if (backend == BackendKind.NATIVE) {
                // ORT's own words from the C API status
                assertTrue(problems.get(0).contains("CANN execution provider is not enabled in this build"), problems.get(0));
                assertTrue(problems.get(1).contains("ORT_FAIL"), problems.get(1));
            }
            assertTrue(problems.get(1).contains("CUDA 12"), problems.get(1));
            assertTrue(problems.get(2).contains("TensorRT"), problems.get(2));
            // it still runs, on the CPU
            assertEquals(1, new io.adaptseg.runtime.predict.Predictor(s,
                    io.adaptseg.runtime.predict.PredictOptions.whole(1)).predict(List.of(
                    new io.adaptseg.core.image.RgbImage(64, 32, new byte[64 * 32 * 3]))).size());
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void fallbackFailStopsWithTheReason(BackendKind backend) throws Exception {
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 3);
        for (String spec : List.of("cann:device_id=0", "cuda:0,cpu", "tensorrt:device_id=0,fp16=true")) {
            ExecutionProviders p = ExecutionProviders.parse(spec, FallbackPolicy.FAIL);
            AdaptsegException e = assertThrows(AdaptsegException.class,
                    () -> SegmentationSession.open(model, backend, BackendOptions.cpu().withProviders(p)));
            assertTrue(e.getMessage().contains("--fallback fail") && e.getMessage().contains(backend.id() + " backend"),
                    e.getMessage());
        }
    }

    /**
     * Provider options are not checked against a frozen list: a key of a newer ONNX Runtime release
     * (or a misspelt one) reaches ONNX Runtime, whose own message is reported. This library has no
     * accelerator, so ONNX Runtime answers that the provider is not enabled; a CANN or CUDA build
     * answers with its own message about the key.
     */
    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void optionsPassThroughToOnnxRuntimeAndItsMessageIsReported(BackendKind backend) throws Exception {
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 3);
        String spec = backend == BackendKind.NATIVE ? "cann:device_id=0,enable_cann_subgraph=1,no_such_key=2"
                : "cuda:device_id=0,no_such_key=2";
        ExecutionProviders p = ExecutionProviders.parse(spec, FallbackPolicy.FAIL);
        assertEquals("2", p.requested().getFirst().options().get("no_such_key"));
        AdaptsegException e = assertThrows(AdaptsegException.class,
                () -> SegmentationSession.open(model, backend, BackendOptions.cpu().withProviders(p)));
        String ortsWords = backend == BackendKind.NATIVE ? "CANN execution provider is not enabled in this build"
                : "Failed to find CUDA shared provider";
        assertTrue(e.getMessage().contains(ortsWords) && e.getMessage().contains("--fallback fail"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void placementIsReadFromTheFirstRun(BackendKind backend) throws Exception {
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 3);
        try (SegmentationSession s = SegmentationSession.open(model, backend, BackendOptions.cpu())) {
            assertTrue(s.backend().placement().isEmpty());
            assertTrue(s.backend().placementLine().startsWith("placement: unknown (the session has not run yet"),
                    s.backend().placementLine());
            new io.adaptseg.runtime.predict.Predictor(s, io.adaptseg.runtime.predict.PredictOptions.whole(1))
                    .predict(List.of(new io.adaptseg.core.image.RgbImage(64, 32, new byte[64 * 32 * 3])));
            String line = s.backend().placementLine();
            assertTrue(line.matches("placement: CPUExecutionProvider \\d+ nodes"), line);
            int nodes = s.backend().placement().orElseThrow().nodes().get("CPUExecutionProvider");
            assertTrue(nodes >= 3, line);
        }
    }
}
