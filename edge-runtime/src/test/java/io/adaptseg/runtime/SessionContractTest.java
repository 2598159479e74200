package io.adaptseg.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.core.model.MetadataKeys;
import io.adaptseg.core.model.ModelMetadata;
import io.adaptseg.core.model.Normalization;
import io.adaptseg.core.resample.Convention;
import io.adaptseg.runtime.backend.BackendKind;
import io.adaptseg.runtime.backend.BackendOptions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionContractTest {
    @TempDir
    Path dir;

    @Test
    void readsTheContractFromTheModel() throws Exception {
        Path model = TestModels.write(dir.resolve("s.onnx"), 16, 1,
                TestModels.metadata(LabelSet.SYNTHIA16, Normalization.RGB_UNIT, 48, 96));
        try (SegmentationSession s = SegmentationSession.open(model, BackendKind.NATIVE, BackendOptions.cpu())) {
            ModelMetadata info = s.model();
            assertEquals(LabelSet.SYNTHIA16, info.labelSet());
            assertEquals(16, info.classes());
            assertEquals(Normalization.RGB_UNIT, info.normalization());
            assertEquals(48, info.inputHeight());
            assertEquals(96, info.inputWidth());
            assertEquals(2, info.outputStride());
            assertEquals("{\"test\":true}", info.origin().provenanceJson());
            assertTrue(info.origin().valMiou().isEmpty());
            assertEquals(Convention.HALF_PIXEL, info.logitsUpsampling(), "models without the key were half-pixel");
            assertEquals(model, s.file());
        }
    }

    @Test
    void modelWithoutMetadataIsRejectedNamingTheFile() throws Exception {
        Path model = TestModels.write(dir.resolve("raw.onnx"), 19, 1, Map.of());
        for (BackendKind kind : BackendKind.values()) {
            AdaptsegException e = assertThrows(AdaptsegException.class,
                    () -> SegmentationSession.open(model, kind, BackendOptions.cpu()));
            assertTrue(e.getMessage().startsWith(model.toString()) && e.getMessage().contains("not an adaptseg model"),
                    e.getMessage());
        }
    }

    @Test
    void malformedValuesNameTheKey() throws Exception {
        var meta = new java.util.LinkedHashMap<>(TestModels.metadata(LabelSet.CITYSCAPES19, Normalization.DEEPLAB_V2_CAFFE, 32, 64));
        meta.put(MetadataKeys.INPUT_SIZE, "big");
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> ModelMetadata.fromProperties("m.onnx", meta));
        assertTrue(e.getMessage().contains(MetadataKeys.INPUT_SIZE), e.getMessage());
        meta.put(MetadataKeys.INPUT_SIZE, "32x64");
        meta.put(MetadataKeys.LABEL_SET, "synthia16");
        e = assertThrows(AdaptsegException.class, () -> ModelMetadata.fromProperties("m.onnx", meta));
        assertTrue(e.getMessage().contains("do not match label set synthia16"), e.getMessage());
    }

    @Test
    void classCountMustMatchLogits() throws Exception {
        Path model = TestModels.write(dir.resolve("c.onnx"), 13, 1,
                TestModels.metadata(LabelSet.CITYSCAPES19, Normalization.DEEPLAB_V2_CAFFE, 32, 64));
        AdaptsegException e = assertThrows(AdaptsegException.class,
                () -> SegmentationSession.open(model, BackendKind.JAVA, BackendOptions.cpu()));
        assertTrue(e.getMessage().contains("13 channels"), e.getMessage());
    }
}
