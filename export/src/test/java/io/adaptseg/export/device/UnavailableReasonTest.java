package io.adaptseg.export.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adaptseg.runtime.backend.BackendKind;
import io.adaptseg.runtime.provider.ProviderKind;
import org.junit.jupiter.api.Test;

/** The one-line reason keeps ONNX Runtime's words and names the library the loader could not find. */
class UnavailableReasonTest {
    @Test
    void theLibraryTheLoaderCouldNotOpenIsNamed() {
        String problem = "execution provider cuda:device_id=0 is not available on the java backend: Error code - ORT_EP_FAIL -"
                + " message: Failed to load library libonnxruntime_providers_cuda.so with error: libcublasLt.so.12: cannot"
                + " open shared object file: No such file or directory; " + ProviderKind.CUDA.requirement();
        assertEquals("ORT_EP_FAIL Failed to load library libonnxruntime_providers_cuda.so with error: libcublasLt.so.12:"
                        + " cannot open shared object file: No such file or directory (missing library: libcublasLt.so.12)",
                UnavailableReason.of(problem, ProviderKind.CUDA, BackendKind.JAVA));
    }

    @Test
    void theNativeBackendsWordsStayAndNameNoLibrary() {
        String problem = "execution provider cann:device_id=0 is not available on the native backend: CreateCANNProviderOptions"
                + " failed: ORT_FAIL CANN execution provider is not enabled in this build. (library /tmp/libonnxruntime.so); "
                + ProviderKind.CANN.requirement();
        assertEquals("CreateCANNProviderOptions failed: ORT_FAIL CANN execution provider is not enabled in this build.",
                UnavailableReason.of(problem, ProviderKind.CANN, BackendKind.NATIVE));
    }

    @Test
    void aFailedSessionCreationKeepsOrtsReason() {
        String problem = "ONNX Runtime appended [tensorrt:device_id=0] on the java backend but could not create the session:"
                + " TensorRT EP failed to create engine from network; retrying without tensorrt:device_id=0";
        assertEquals("the session could not be created: TensorRT EP failed to create engine from network",
                UnavailableReason.of(problem, ProviderKind.TENSORRT, BackendKind.JAVA));
    }
}
