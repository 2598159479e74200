package io.adaptseg.export.int8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import io.adaptseg.export.onnx.GraphBuilder;
import io.adaptseg.export.onnx.Attributes;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which tensors and convolutions a QDQ rewrite quantises, on a hand-built residual graph. */
class QdqPlanTest {
    /**
     * image → conv1 → Relu → MaxPool → conv2 → Relu → conv3 → Add(pool) → Relu → head conv → logits.
     */
    private static GraphProto graph() {
        GraphBuilder g = new GraphBuilder();
        String x = g.input("image", DataType.FLOAT, 1, 3, 8, 8);
        String c1 = g.node("Conv", "c1", List.of(x, g.float32("w1", new float[4 * 3], 4, 3, 1, 1),
                g.float32("b1", new float[4], 4)));
        String r1 = g.node("Relu", "r1", List.of(c1));
        String p = g.node("MaxPool", "pool", List.of(r1), Attributes.ints("kernel_shape", 2, 2));
        String c2 = g.node("Conv", "c2", List.of(p, g.float32("w2", new float[16], 4, 4, 1, 1)));
        String r2 = g.node("Relu", "r2", List.of(c2));
        String c3 = g.node("Conv", "c3", List.of(r2, g.float32("w3", new float[16], 4, 4, 1, 1)));
        String sum = g.node("Add", "sum", List.of(c3, p));
        String r3 = g.node("Relu", "r3", List.of(sum));
        g.namedNode("Conv", "logits", List.of(r3, g.float32("wh", new float[8], 2, 4, 1, 1)));
        g.output("logits", DataType.FLOAT, 1, 2, 4, 4);
        return g.build("toy");
    }

    private static List<String> names(List<NodeProto> nodes) {
        return nodes.stream().map(NodeProto::getName).toList();
    }

    @Test
    void quantisesActivationsAfterReluKeepsTheClassifierFloatAndSharesMaxPoolParameters() {
        QdqPlan plan = QdqPlan.of(graph(), "logits", true);
        assertEquals(List.of("c1/Conv", "c2/Conv", "c3/Conv"), names(plan.int8Convs()));
        assertEquals(List.of("logits/Conv"), names(plan.floatConvs()));
        // the image, the Relu output the pool reads, the pool output, r2 and c3 (read by the Add);
        // never a Conv output that only a Relu reads, never the head's input (no quantised reader)
        assertEquals(List.of("image", "r1", "pool", "r2", "c3"), List.copyOf(plan.quantised()));
        assertEquals(Map.of("pool", "r1"), plan.sharedWith());
        assertEquals(List.of("image", "r1", "r2", "c3"), List.copyOf(plan.calibrated()));
    }

    @Test
    void withTheClassifierInInt8ItsInputIsQuantisedToo() {
        QdqPlan plan = QdqPlan.of(graph(), "logits", false);
        assertEquals(4, plan.int8Convs().size());
        assertTrue(plan.floatConvs().isEmpty());
        assertTrue(plan.quantised().contains("r3"), plan.quantised()::toString);
    }

    @Test
    void theRewriteDequantisesPerReaderAndReplacesWeights() {
        GraphProto graph = graph();
        QdqPlan plan = QdqPlan.of(graph, "logits", true);
        Map<String, QuantParams> params = Map.of("image", new QuantParams(0.5f, 128, true),
                "r1", new QuantParams(0.1f, 0, true), "r2", new QuantParams(0.1f, 0, true),
                "c3", new QuantParams(0.2f, 100, true));
        GraphProto q = QdqRewriter.rewrite(graph, plan, params);
        long quantize = q.getNodeList().stream().filter(n -> n.getOpType().equals("QuantizeLinear")).count();
        long dequantize = q.getNodeList().stream().filter(n -> n.getOpType().equals("DequantizeLinear")).count();
        // one Q per quantised tensor; one DQ per reader (image→c1, r1→pool, pool→c2 and Add, r2→c3, c3→Add)
        // plus weight DQs for the three int8 convs and c1's bias
        assertEquals(5, quantize);
        assertEquals(6 + 3 + 1, dequantize);
        NodeProto c1 = q.getNodeList().stream().filter(n -> n.getName().equals("c1/Conv")).findFirst().orElseThrow();
        assertTrue(c1.getInput(0).startsWith("image_dequantized"), c1::toString);
        assertTrue(c1.getInput(1).startsWith("w1_dequantized") && c1.getInput(2).startsWith("b1_dequantized"),
                c1::toString);
        assertTrue(q.getInitializerList().stream().noneMatch(t -> t.getName().equals("w1")), "float w1 left behind");
    }
}
