package io.adaptseg.runtime.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ONNX Runtime's "cannot load a provider library" messages, as the GPU jar printed them on a CPU machine. */
class MissingLibraryTest {
    /** Verbatim from onnxruntime_gpu 1.29.0's OrtException on a machine without CUDA 12 (line break included). */
    private static final String CUDA = "Error code - ORT_FAIL - message: /onnxruntime_src/onnxruntime/core/session/"
            + "provider_bridge_ort.cc:1988 onnxruntime::Provider& onnxruntime::ProviderLibrary::Get() [ONNXRuntimeError]"
            + " : 1 : FAIL : Failed to load library /tmp/onnxruntime-java3523413645708075492/"
            + "libonnxruntime_providers_cuda.so with error: libcublasLt.so.12: cannot open shared object file:"
            + " No such file or directory\n";
    private static final String TENSORRT = "[ONNXRuntimeError] : 1 : FAIL : Failed to load library"
            + " /home/u/.cache/adaptseg/ort-native/onnxruntime_gpu-1.29.0-642295340/libonnxruntime_providers_tensorrt.so"
            + " with error: libcublas.so.12: cannot open shared object file: No such file or directory";

    @Test
    void namesTheMissingCudaLibraryAndTheProviderLibrary() {
        MissingLibrary m = MissingLibrary.find(CUDA).orElseThrow();
        assertEquals(new MissingLibrary("libonnxruntime_providers_cuda.so", "libcublasLt.so.12"), m);
        assertEquals(new MissingLibrary("libonnxruntime_providers_tensorrt.so", "libcublas.so.12"),
                MissingLibrary.find(TENSORRT).orElseThrow());
    }

    @Test
    void describesAFailureInOneLineWithoutTheTemporaryFolder() {
        String line = MissingLibrary.describeFailure(CUDA);
        assertEquals("cannot load libonnxruntime_providers_cuda.so: libcublasLt.so.12 is not on the library path"
                + " (the first missing library the loader met)", line);
        assertFalse(line.contains("\n"));
        assertFalse(line.contains("/tmp/"));
    }

    @Test
    void aProviderLibraryThatIsNotThereAtAllIsSaidSo() {
        String stock = "Failed to load library libonnxruntime_providers_shared.so with error:"
                + " libonnxruntime_providers_shared.so: cannot open shared object file: No such file or directory";
        assertEquals("cannot load libonnxruntime_providers_shared.so: the file is not there",
                MissingLibrary.describeFailure(stock));
    }

    @Test
    void otherMessagesAreKeptOnOneLine() {
        String other = "Failed to find CUDA shared provider\n  (stock CPU library)";
        assertEquals(Optional.empty(), MissingLibrary.find(other));
        assertEquals("Failed to find CUDA shared provider (stock CPU library)", MissingLibrary.describeFailure(other));
        assertEquals("", MissingLibrary.describeFailure(null));
        assertTrue(MissingLibrary.find(null).isEmpty());
    }

    @Test
    void refusesBlankNames() {
        assertThrows(IllegalArgumentException.class, () -> new MissingLibrary("libx.so", " "));
    }
}
