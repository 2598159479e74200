package io.adaptseg.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.model.MetadataKeys;
import io.adaptseg.runtime.backend.BackendKind;
import io.adaptseg.runtime.backend.BackendOptions;
import io.adaptseg.runtime.backend.InferenceBackend;
import io.adaptseg.runtime.backend.OrtJavaBackend;
import io.adaptseg.runtime.backend.OrtMessages;
import io.adaptseg.runtime.backend.Tensor;
import io.adaptseg.runtime.nativeort.OrtNativeBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendsTest {
    @TempDir
    Path dir;

    @Test
    void javaAndNativeBackendsGiveIdenticalOutputs() throws Exception {
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 1);
        long[] shape = {2, 3, 24, 40};
        float[] input = new float[2 * 3 * 24 * 40];
        Random random = new Random(7);
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) random.nextGaussian() * 50;
        }
        try (InferenceBackend java = OrtJavaBackend.open(model, BackendOptions.cpu());
             InferenceBackend nat = OrtNativeBackend.open(model, BackendOptions.cpu())) {
            assertEquals(java.inputs(), nat.inputs());
            assertEquals(java.outputs(), nat.outputs());
            assertEquals(java.customMetadata(), nat.customMetadata());
            assertEquals("cityscapes19", nat.customMetadata().get(MetadataKeys.LABEL_SET));
            assertEquals("image float [-1, 3, -1, -1]", nat.inputs().getFirst().toString());
            List<String> names = List.of("logits", "labels");
            Map<String, Tensor> a = java.run("image", input, shape, names);
            Map<String, Tensor> b = nat.run("image", input, shape, names);
            Tensor.Floats la = (Tensor.Floats) a.get("logits");
            Tensor.Floats lb = (Tensor.Floats) b.get("logits");
            assertArrayEquals(new long[] {2, 19, 12, 20}, la.shape());
            assertArrayEquals(la.shape(), lb.shape());
            assertArrayEquals(la.data(), lb.data());
            Tensor.Ints ia = (Tensor.Ints) a.get("labels");
            Tensor.Ints ib = (Tensor.Ints) b.get("labels");
            assertArrayEquals(new long[] {2, 24, 40}, ib.shape());
            assertArrayEquals(ia.data(), ib.data());
            // a second run with another shape reuses the binding and grows the input buffer
            float[] bigger = new float[3 * 32 * 64];
            Map<String, Tensor> c = nat.run("image", bigger, new long[] {1, 3, 32, 64}, List.of("labels"));
            assertArrayEquals(new long[] {1, 32, 64}, c.get("labels").shape());
        }
    }

    @Test
    void bothBackendsCheckTheInputAndCloseOnce() throws Exception {
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 1);
        for (InferenceBackend backend : List.of(OrtJavaBackend.open(model, BackendOptions.cpu()),
                OrtNativeBackend.open(model, BackendOptions.cpu()))) {
            try (backend) {
                IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                        () -> backend.run("image", new float[10], new long[] {1, 3, 8, 8}, List.of("labels")));
                assertEquals("10 input values for shape [1, 3, 8, 8]", wrong.getMessage());
            }
            backend.close();
            assertThrows(IllegalStateException.class,
                    () -> backend.run("image", new float[3 * 64], new long[] {1, 3, 8, 8}, List.of("labels")));
        }
    }

    @Test
    void nativeRunErrorCarriesOrtMessage() throws Exception {
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 1);
        try (InferenceBackend nat = OrtNativeBackend.open(model, BackendOptions.cpu())) {
            AdaptsegException e = assertThrows(AdaptsegException.class,
                    () -> nat.run("image", new float[2 * 8 * 8], new long[] {1, 2, 8, 8}, List.of("labels")));
            assertTrue(e.getMessage().contains("ORT_"), e.getMessage());
        }
    }

    @Test
    void emptyAndGraphlessModelsGetPlainMessagesOnBothBackends() throws Exception {
        Path empty = Files.write(dir.resolve("empty.onnx"), new byte[0]);
        // a ModelProto with only ir_version = 7: ORT rejects it with its source location and a C++ signature
        Path graphless = Files.write(dir.resolve("graphless.onnx"), new byte[] {0x08, 0x07});
        for (BackendKind kind : BackendKind.values()) {
            AdaptsegException e = assertThrows(AdaptsegException.class,
                    () -> SegmentationSession.open(empty, kind, BackendOptions.cpu()));
            assertEquals(empty + ": the model file is empty (0 bytes); export it again", e.getMessage());
            e = assertThrows(AdaptsegException.class, () -> SegmentationSession.open(graphless, kind, BackendOptions.cpu()));
            assertTrue(e.getMessage().startsWith(graphless + ": ONNX Runtime cannot load the model"), e.getMessage());
            assertTrue(e.getMessage().contains("ModelProto does not have a graph"), e.getMessage());
            assertFalse(e.getMessage().contains("onnxruntime::") || e.getMessage().contains(".cc:"), e.getMessage());
            e = assertThrows(AdaptsegException.class, () -> SegmentationSession.open(dir, kind, BackendOptions.cpu()));
            assertEquals(dir + ": is a folder, expected an ONNX model file", e.getMessage());
        }
    }

    @Test
    void ortSourceLocationsAndSignaturesAreCutFromMessages() {
        assertEquals("Load model from m.onnx failed: ModelProto does not have a graph.", OrtMessages.clean(
                "Load model from m.onnx failed: /onnxruntime_src/onnxruntime/core/graph/model.cc:177 onnxruntime::Model::Model("
                        + "onnx::ModelProto&&, const onnxruntime::PathString&, const std::function<void(int)>&) ModelProto does not have a graph."));
        assertEquals("Protobuf parsing failed.", OrtMessages.clean("Protobuf parsing failed."));
        // a location followed by a sentence, not a signature: only the location goes
        assertEquals("at the rest (kept)", OrtMessages.clean("at x.cc:3 the rest (kept)"));
    }

    @Test
    void missingLibraryIsNamed() throws Exception {
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 1);
        Path missing = dir.resolve("nope/libonnxruntime.so");
        AdaptsegException e = assertThrows(AdaptsegException.class,
                () -> OrtNativeBackend.open(model, BackendOptions.cpu().withOrtLibrary(missing)));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void fileThatIsNotALibraryIsRejected() throws Exception {
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 1);
        Path fake = Files.writeString(dir.resolve("libonnxruntime.so"), "not an ELF file");
        AdaptsegException e = assertThrows(AdaptsegException.class,
                () -> OrtNativeBackend.open(model, BackendOptions.cpu().withOrtLibrary(fake)));
        assertTrue(e.getMessage().contains("cannot be loaded as a shared library"), e.getMessage());
    }

    @Test
    void sharedLibraryThatIsNotOnnxRuntimeIsRejected() throws Exception {
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 1);
        Path libjava = Path.of(System.getProperty("java.home"), "lib", System.mapLibraryName("java"));
        AdaptsegException e = assertThrows(AdaptsegException.class,
                () -> OrtNativeBackend.open(model, BackendOptions.cpu().withOrtLibrary(libjava)));
        assertTrue(e.getMessage().contains("not an ONNX Runtime library"), e.getMessage());
    }

    @Test
    void corruptModelNamesTheFile() throws Exception {
        Path model = Files.writeString(dir.resolve("bad.onnx"), "garbage");
        AdaptsegException n = assertThrows(AdaptsegException.class, () -> OrtNativeBackend.open(model, BackendOptions.cpu()));
        assertTrue(n.getMessage().startsWith(model.toString()), n.getMessage());
        AdaptsegException j = assertThrows(AdaptsegException.class, () -> OrtJavaBackend.open(model, BackendOptions.cpu()));
        assertTrue(j.getMessage().startsWith(model.toString()), j.getMessage());
    }
}
