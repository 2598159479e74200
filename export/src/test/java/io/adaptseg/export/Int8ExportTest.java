package io.adaptseg.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OrtSession;
import io.adaptseg.core.model.Int8Calibration;
import io.adaptseg.core.model.ModelMetadata;
import io.adaptseg.export.calibration.CalibrationImages;
import io.adaptseg.export.calibration.CalibrationMethod;
import io.adaptseg.export.int8.Int8Options;
import io.adaptseg.export.onnx.OnnxModels;
import io.adaptseg.export.parity.Precision;
import io.adaptseg.runtime.backend.OrtProcess;
import io.adaptseg.train.model.Segmenter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An int8 export of a tiny network: calibrated on PNG images, written in QDQ form, loaded and probed by
 * ONNX Runtime, which fuses it into integer kernels. (Random weights make near-tied logits, the worst
 * case for int8 agreement: the parity thresholds are tested on a trained model, ExportInt8CommandTest.)
 */
class Int8ExportTest {
    @Test
    void aTinyNetworkQuantisesLoadsAndFuses(@TempDir Path dir) throws Exception {
        Path data = ParityDatasets.cityscapes(dir.resolve("c"), 4, 64, 96, 3);
        CalibrationImages images = CalibrationImages.choose("--calibration", data, 3);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Segmenter s = TestNetworks.randomized("deeplabv2-tiny-multi", manager, 5);
            for (boolean unsigned : new boolean[] {true, false}) {
                Path target = dir.resolve(unsigned ? "u8.onnx" : "s8.onnx");
                CalibrationMethod method = unsigned ? CalibrationMethod.PERCENTILE : CalibrationMethod.ENTROPY;
                Int8Options int8 = new Int8Options(images, method, 99.99, unsigned, true);
                List<String> lines = new ArrayList<>();
                ExportGate.Outcome outcome = ExportGate.export(ExportRequest.of(s, TestNetworks.metadata(s), "test",
                        ExportOptions.defaults(), target).withInt8(int8).withParity(false), lines::add);
                lines.addAll(outcome.summary());
                lines.forEach(System.out::println);
                assertTrue(outcome.written(), lines::toString);
                assertEquals(Precision.INT8, outcome.precision());

                ModelProto model = OnnxModels.read(target);
                assertEquals(Precision.INT8, Precision.of(model));
                Map<String, Integer> ops = opCounts(model);
                ModelMetadata back = ModelMetadata.fromProperties(target.toString(), OnnxModels.metadata(model));
                Int8Calibration c = back.checks().int8().orElseThrow();
                assertEquals(method.id(), c.method());
                assertEquals(3, c.images());
                assertEquals(unsigned ? "uint8" : "int8", c.activations());
                // the tiny DeepLab-v2's classifier: four ASPP branches stay float32, every other conv is int8
                assertEquals(4, c.floatConvs());
                assertEquals(ops.get("Conv"), c.int8Convs() + c.floatConvs());
                long int8Weights = model.getGraph().getInitializerList().stream()
                        .filter(t -> t.getDataType() == TensorProto.DataType.INT8_VALUE && t.getDimsCount() == 4).count();
                assertEquals(c.int8Convs(), int8Weights);
                // only the float convs keep float weights: none is left behind a quantised one
                assertEquals(c.floatConvs(), model.getGraph().getInitializerList().stream()
                        .filter(t -> t.getDataType() == TensorProto.DataType.FLOAT_VALUE && t.getDimsCount() == 4)
                        .count());

                if (unsigned) {
                    // what ONNX Runtime makes of it: every int8 conv fused into one integer QLinearConv
                    Map<String, Integer> optimized = opCounts(optimize(target, dir.resolve("opt.onnx")));
                    assertEquals(c.int8Convs(), optimized.getOrDefault("QLinearConv", 0), optimized::toString);
                    assertTrue(optimized.getOrDefault("QLinearAdd", 0) > 0, optimized::toString);
                }
            }
        }
    }

    /**
     * A broken int8 graph (activations clipped at the 51st percentile of |x|) still fails the export: the
     * float32 link of the chain passes against the network, the int8 link fails against the float32 model,
     * and nothing reaches the target.
     */
    @Test
    void aBrokenInt8GraphFailsTheChainAndWritesNothing(@TempDir Path dir) throws Exception {
        Path data = ParityDatasets.cityscapes(dir.resolve("c"), 4, 64, 96, 3);
        CalibrationImages images = CalibrationImages.choose("--calibration", data, 2);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Segmenter s = TestNetworks.randomized("deeplabv2-tiny-multi", manager, 5);
            Path target = dir.resolve("broken.onnx");
            Int8Options int8 = new Int8Options(images, CalibrationMethod.PERCENTILE, 51, true, true);
            List<String> lines = new ArrayList<>();
            ExportGate.Outcome outcome = ExportGate.export(ExportRequest.of(s, TestNetworks.metadata(s), "test",
                    ExportOptions.defaults(), target).withInt8(int8), lines::add);
            lines.addAll(outcome.summary());
            lines.forEach(System.out::println);
            assertTrue(outcome.rejected(), lines::toString);
            assertFalse(outcome.written());
            assertFalse(java.nio.file.Files.exists(target), "a rejected model must not be at the target");
            ParityChain chain = outcome.parity().orElseThrow();
            assertTrue(chain.float32().passed(), chain.float32()::toText);
            assertFalse(chain.reduced().orElseThrow().passed(), lines::toString);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("parity FAILED, int8: agreement")), lines::toString);
            assertEquals("no model written to " + target, lines.getLast());
        }
    }

    private static Map<String, Integer> opCounts(ModelProto model) {
        Map<String, Integer> ops = new TreeMap<>();
        for (NodeProto n : model.getGraph().getNodeList()) {
            ops.merge(n.getOpType(), 1, Integer::sum);
        }
        return ops;
    }

    /** The graph ONNX Runtime runs, after its optimisations (written through optimized_model_filepath). */
    private static ModelProto optimize(Path model, Path out) throws Exception {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setOptimizedModelFilePath(out.toString());
            OrtProcess.environment().createSession(model.toString(), options).close();
        }
        return OnnxModels.read(out);
    }
}
