package io.adaptseg.export.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts the part of a graph that computes given float32 tensors (the network body) to float16:
 * its float initializers become float16, each float32 graph input it reads is cast to float16 once,
 * and each boundary tensor is cast back to float32 under its original name. Nodes outside that part
 * (for example the label head that upsamples and argmaxes the float32 logits) are left as they are,
 * so the model keeps float32 inputs and outputs and the contract does not change.
 */
public final class Float16Conversion {
    private Float16Conversion() {
    }

    /**
     * @param boundary float32 tensors that the float16 part produces and later nodes or outputs read
     */
    public static GraphProto convert(GraphProto graph, List<String> boundary) {
        Map<String, NodeProto> producers = new HashMap<>();
        graph.getNodeList().forEach(n -> n.getOutputList().forEach(o -> producers.put(o, n)));
        Set<NodeProto> region = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(boundary);
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            String tensor = pending.pop();
            NodeProto producer = producers.get(tensor);
            if (!seen.add(tensor) || producer == null) {
                continue;
            }
            if (region.add(producer)) {
                producer.getInputList().stream().filter(s -> !s.isEmpty()).forEach(pending::push);
            }
        }
        for (String b : boundary) {
            if (!producers.containsKey(b)) {
                throw new IllegalArgumentException("boundary tensor '" + b + "' is not produced by a node");
            }
        }
        Set<String> regionReads = new HashSet<>();
        region.forEach(n -> regionReads.addAll(n.getInputList()));
        Set<String> names = new HashSet<>();
        graph.getInitializerList().forEach(t -> names.add(t.getName()));
        graph.getInputList().forEach(v -> names.add(v.getName()));
        graph.getNodeList().forEach(n -> names.addAll(n.getOutputList()));
        Set<String> nodeNames = new HashSet<>();
        graph.getNodeList().forEach(n -> nodeNames.add(n.getName()));

        GraphProto.Builder out = graph.toBuilder().clearInitializer().clearNode();
        for (TensorProto t : graph.getInitializerList()) {
            if (t.getDataType() == DataType.FLOAT_VALUE && regionReads.contains(t.getName())) {
                out.addInitializer(Tensors.float16(t.getName(), Tensors.floats(t), Tensors.dims(t)));
            } else {
                out.addInitializer(t);
            }
        }
        Map<String, String> renamedInputs = new HashMap<>();
        graph.getInputList().stream()
                .filter(v -> v.getType().getTensorType().getElemType() == DataType.FLOAT_VALUE)
                .filter(v -> regionReads.contains(v.getName()))
                .forEach(v -> {
                    String half = fresh(v.getName() + "_fp16", names);
                    renamedInputs.put(v.getName(), half);
                    out.addNode(cast(v.getName(), half, DataType.FLOAT16, nodeNames));
                });
        Set<String> boundarySet = Set.copyOf(boundary);
        for (NodeProto n : graph.getNodeList()) {
            if (!region.contains(n)) {
                out.addNode(n);
                continue;
            }
            NodeProto.Builder b = n.toBuilder().clearInput();
            n.getInputList().forEach(in -> b.addInput(renamedInputs.getOrDefault(in, in)));
            Map<String, String> castBack = new HashMap<>();
            b.clearOutput();
            for (String o : n.getOutputList()) {
                if (boundarySet.contains(o)) {
                    String half = fresh(o + "_fp16", names);
                    castBack.put(half, o);
                    b.addOutput(half);
                } else {
                    b.addOutput(o);
                }
            }
            out.addNode(b);
            castBack.forEach((half, o) -> out.addNode(cast(half, o, DataType.FLOAT, nodeNames)));
        }
        return out.build();
    }

    private static NodeProto cast(String from, String to, DataType type, Set<String> nodeNames) {
        return NodeProto.newBuilder().setOpType("Cast").setName(fresh(to + "/Cast", nodeNames)).addInput(from).addOutput(to)
                .addAttribute(Attributes.integer("to", type.getNumber())).build();
    }

    private static String fresh(String hint, Set<String> names) {
        String name = hint;
        for (int i = 1; names.contains(name); i++) {
            name = hint + "_" + i;
        }
        names.add(name);
        return name;
    }
}
