package io.adaptseg.export;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.export.onnx.Tensors;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer refuses NaN/Inf weights before a file exists, naming the weight. */
class FiniteWeightsTest {
    private static ModelProto withInitializer(TensorProto t) {
        return ModelProto.newBuilder().setGraph(GraphProto.newBuilder().addInitializer(t)).build();
    }

    @Test
    void nonFiniteFloat32AndFloat16WeightsAreRefusedByName(@TempDir Path dir) {
        Path target = dir.resolve("m.onnx");
        var inf = assertThrows(AdaptsegException.class, () -> CheckedModelWriter.write(withInitializer(
                Tensors.float32("layer1.0.bn1.running_var", new float[] {1, Float.POSITIVE_INFINITY, Float.NaN}, 3)), target, 19, 8));
        assertEquals(target + ": not written: weight layer1.0.bn1.running_var has 2 non-finite values (NaN or Inf);"
                + " the checkpoint's weights diverged", inf.getMessage());
        // 1e5 is finite in float32 and infinite in float16
        var half = assertThrows(AdaptsegException.class, () -> CheckedModelWriter.write(withInitializer(
                Tensors.float16("conv1.weight", new float[] {0.5f, 1e5f}, 2)), target, 19, 8));
        assertTrue(half.getMessage().contains("weight conv1.weight has 1 non-finite values")
                && half.getMessage().contains("export without --fp16"), half.getMessage());
        assertFalse(Files.exists(target));
        assertDoesNotThrow(() -> CheckedModelWriter.requireFiniteInitializers(withInitializer(
                Tensors.float16("ok", new float[] {65504f, -65504f, 0f}, 3)), target));
    }
}
