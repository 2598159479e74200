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

    /**
     * The graph without nodes whose results no graph output needs (an exported network's unused
     * heads), and without the initializers only those nodes read.
     */
    public static GraphProto withoutDeadNodes(GraphProto graph) {
        Set<String> needed = new HashSet<>();
        graph.getOutputList().forEach(o -> needed.add(o.getName()));
        java.util.List<NodeProto> nodes = graph.getNodeList();
        boolean[] keep = new boolean[nodes.size()];
        for (int i = nodes.size() - 1; i >= 0; i--) {
            NodeProto n = nodes.get(i);
            if (n.getOutputList().stream().anyMatch(needed::contains)) {
                keep[i] = true;
                needed.addAll(n.getInputList());
            }
        }
        GraphProto.Builder out = graph.toBuilder().clearNode();
        for (int i = 0; i < nodes.size(); i++) {
            if (keep[i]) {
                out.addNode(nodes.get(i));
            }
        }
        return withoutUnusedInitializers(out.build());
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
