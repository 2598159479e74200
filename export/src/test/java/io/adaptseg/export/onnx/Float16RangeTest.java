package io.adaptseg.export.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.adaptseg.core.AdaptsegException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The float16 conversion on values outside float16's range: a batch norm whose running variance
 * exceeds 65504 (what conv1's batch norm reaches on 0-255 inputs), a weight above 65504, a weight
 * tensor entirely below float16's smallest subnormal, and a node that cannot be kept float32.
 */
class Float16RangeTest {
    private static final long[] SHAPE = {2, 3, 16, 12};

    /** The toy graph with one initializer replaced. */
    private static GraphProto with(GraphProto graph, String name, float[] values) {
        GraphProto.Builder b = graph.toBuilder();
        for (int i = 0; i < graph.getInitializerCount(); i++) {
            TensorProto t = graph.getInitializer(i);
            if (t.getName().equals(name)) {
                b.setInitializer(i, Tensors.float32(name, values, Tensors.dims(t)));
                return b.build();
            }
        }
        throw new IllegalArgumentException("no initializer " + name);
    }

    private static float[] filled(int n, float value) {
        float[] v = new float[n];
        Arrays.fill(v, value);
        return v;
    }

    /** Conv1 on ±128-scale inputs with weights scaled so its output spans a variance of ~1.5e5. */
    private static GraphProto caffeScaleToy() {
        GraphProto g = ToyGraphs.builder(1).build("toy");
        float[] w = Tensors.floats(g.getInitializerList().stream().filter(t -> t.getName().equals("conv1_weight"))
                .findFirst().orElseThrow());
        for (int i = 0; i < w.length; i++) {
            w[i] *= 30;
        }
        g = with(g, "conv1_weight", w);
        return with(g, "bn1_var", filled(8, 1.5e5f));
    }

    private static float[] caffeInput() {
        float[] in = ToyGraphs.gaussian(new Random(3), (int) (SHAPE[0] * SHAPE[1] * SHAPE[2] * SHAPE[3]), 60f);
        return in;
    }

    private static double agreement(byte[] a, byte[] b) {
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            same += a[i] == b[i] ? 1 : 0;
        }
        return (double) same / a.length;
    }

    @Test
    void runningVarianceAbove65504StaysFloat32UnfoldedAndIsFoldedAwayByTheExporterPath() throws Exception {
        GraphProto graph = caffeScaleToy();
        ModelProto reference = ToyGraphs.model(graph);
        float[] in = caffeInput();
        ToyGraphs.Outputs f32 = ToyGraphs.run(reference, in, SHAPE);

        Float16Conversion.Result unfolded = Float16Conversion.convertChecked(graph, List.of(SegmentationOutputs.LOGITS));
        assertTrue(unfolded.notes().stream().anyMatch(n -> n.kind() == Float16Note.Kind.BATCH_NORM
                && n.name().startsWith("bn1") && n.keepsFloat32()), unfolded.notes()::toString);
        assertTrue(unfolded.graph().getInitializerList().stream().filter(t -> t.getName().equals("bn1_var"))
                .allMatch(t -> t.getDataType() == TensorProto.DataType.FLOAT_VALUE), "bn1_var must stay float32");
        ToyGraphs.Outputs half = ToyGraphs.run(ToyGraphs.model(unfolded.graph()), in, SHAPE);
        assertTrue(agreement(f32.labels(), half.labels()) > 0.99, "agreement " + agreement(f32.labels(), half.labels()));

        Float16Conversion.Result folded = Float16Conversion.convertChecked(BatchNormFolding.fold(graph),
                List.of(SegmentationOutputs.LOGITS));
        assertTrue(folded.notes().isEmpty(), folded.notes()::toString);
        assertEquals(0, Graphs.count(folded.graph(), "BatchNormalization"));
        ToyGraphs.Outputs foldedHalf = ToyGraphs.run(ToyGraphs.model(folded.graph()), in, SHAPE);
        assertTrue(agreement(f32.labels(), foldedHalf.labels()) > 0.99,
                "agreement " + agreement(f32.labels(), foldedHalf.labels()));
    }

    @Test
    void aWeightAbove65504IsNamedAndItsConvKeptFloat32() throws Exception {
        GraphProto graph = BatchNormFolding.fold(ToyGraphs.builder(1).build("toy"));
        String weight = graph.getNodeList().stream().filter(n -> n.getName().startsWith("conv1")).findFirst()
                .orElseThrow().getInput(1);
        float[] w = Tensors.floats(graph.getInitializerList().stream().filter(t -> t.getName().equals(weight))
                .findFirst().orElseThrow());
        w[0] = 7e4f;
        graph = with(graph, weight, w);
        Float16Conversion.Result result = Float16Conversion.convertChecked(graph, List.of(SegmentationOutputs.LOGITS));
        Float16Note note = result.notes().stream().filter(n -> n.name().equals(weight)).findFirst().orElseThrow();
        assertEquals(Float16Note.Kind.OVERFLOW, note.kind());
        assertEquals(1, note.count());
        assertTrue(note.toString().contains("'" + weight + "'") && note.toString().contains("kept in float32"),
                note::toString);
        // small inputs keep the conv's output (not its weight) inside float16's range
        float[] in = ToyGraphs.gaussian(new Random(3), (int) (SHAPE[0] * SHAPE[1] * SHAPE[2] * SHAPE[3]), 1e-3f);
        ToyGraphs.Outputs f32 = ToyGraphs.run(ToyGraphs.model(graph), in, SHAPE);
        ToyGraphs.Outputs half = ToyGraphs.run(ToyGraphs.model(result.graph()), in, SHAPE);
        for (float v : half.logits()) {
            assertTrue(Float.isFinite(v), "a float16 logit is not finite");
        }
        assertTrue(agreement(f32.labels(), half.labels()) > 0.99, "agreement " + agreement(f32.labels(), half.labels()));
    }

    @Test
    void aTensorThatWouldVanishIsKeptAndAFewTinyValuesAreOnlyReported() throws Exception {
        GraphProto graph = BatchNormFolding.fold(ToyGraphs.builder(1).build("toy"));
        String weight = graph.getNodeList().stream().filter(n -> n.getName().startsWith("classifier")).findFirst()
                .orElseThrow().getInput(1);
        int n = Math.toIntExact(Tensors.elementCount(graph.getInitializerList().stream()
                .filter(t -> t.getName().equals(weight)).findFirst().orElseThrow()));
        Float16Note vanished = Float16Conversion.convertChecked(with(graph, weight, filled(n, 1e-9f)),
                List.of(SegmentationOutputs.LOGITS)).notes().getFirst();
        assertEquals(Float16Note.Kind.UNDERFLOW, vanished.kind());
        assertEquals(n, vanished.count());
        assertTrue(vanished.keepsFloat32());

        float[] w = filled(n, 0.25f);
        w[3] = 1e-9f;
        Float16Note tiny = Float16Conversion.convertChecked(with(graph, weight, w), List.of(SegmentationOutputs.LOGITS))
                .notes().getFirst();
        assertEquals(1, tiny.count());
        assertTrue(!tiny.keepsFloat32() && tiny.toString().contains("flushed to zero"), tiny::toString);

        // what the export prints: a kept tensor on its own line, the negligible flushes in one line
        Float16Note other = new Float16Note("layer4.conv", Float16Note.Kind.UNDERFLOW, 5, 0.2f, false);
        List<String> lines = Float16Note.summarise(List.of(tiny, vanished, other));
        assertEquals(2, lines.size(), lines::toString);
        assertEquals(vanished.toString(), lines.getFirst());
        assertTrue(lines.get(1).startsWith("float16: 2 initializers have non-zero values below")
                && lines.get(1).contains("6 values in all, at most 5 in one tensor")
                && lines.get(1).contains("'" + weight + "', 'layer4.conv'"), lines::toString);
        assertEquals(List.of(tiny.toString()), Float16Note.summarise(List.of(tiny)));
    }

    @Test
    void anOverflowInANodeThatCannotStayFloat32FailsNamingFloat16AndTheTensor() {
        GraphProto toy = ToyGraphs.builder(1).build("toy");
        // a Clip whose max is an initializer above 65504, between relu1 and the classifier
        GraphProto.Builder b = toy.toBuilder().clearNode();
        for (NodeProto node : toy.getNodeList()) {
            if (node.getName().startsWith("classifier")) {
                b.addNode(NodeProto.newBuilder().setOpType("Clip").setName("clip").addInput(node.getInput(0))
                        .addInput("clip_min").addInput("clip_max").addOutput("clipped"));
                b.addNode(node.toBuilder().setInput(0, "clipped"));
            } else {
                b.addNode(node);
            }
        }
        b.addInitializer(Tensors.float32("clip_min", new float[] {0f}));
        b.addInitializer(Tensors.float32("clip_max", new float[] {1e5f}));
        AdaptsegException e = assertThrows(AdaptsegException.class,
                () -> Float16Conversion.convertChecked(b.build(), List.of(SegmentationOutputs.LOGITS)));
        assertTrue(e.getMessage().startsWith("float16: initializer 'clip_max'") && e.getMessage().contains("Clip"),
                e.getMessage());
    }
}
