package io.adaptseg.export.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.HashSet;
import java.util.Set;

/** Small queries and clean-ups on finished graphs, shared by the passes. */
public final class Graphs {
    private Graphs() {
    }

    /** The graph without initializers that no node reads (left behind by folding). */
    public static GraphProto withoutUnusedInitializers(GraphProto graph) {
        Set<String> read = new HashSet<>();
        for (NodeProto n : graph.getNodeList()) {
            read.addAll(n.getInputList());
        }
        graph.getOutputList().forEach(o -> read.add(o.getName()));
        GraphProto.Builder out = graph.toBuilder().clearInitializer();
        for (TensorProto t : graph.getInitializerList()) {
            if (read.contains(t.getName())) {
                out.addInitializer(t);
            }
        }
        return out.build();
    }

    /** Number of nodes of an operator type. */
    public static long count(GraphProto graph, String opType) {
        return graph.getNodeList().stream().filter(n -> n.getOpType().equals(opType)).count();
    }

    /** Total number of parameter values held in initializers. */
    public static long parameterCount(GraphProto graph) {
        return graph.getInitializerList().stream().mapToLong(Tensors::elementCount).sum();
    }
}
