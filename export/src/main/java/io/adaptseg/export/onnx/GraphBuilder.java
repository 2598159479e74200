package io.adaptseg.export.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds one ONNX graph in topological order. Every tensor and node name it hands out is unique
 * (a hint plus a counter when taken), so emitters never have to coordinate names, and every node
 * input must be a name the builder already knows, so a graph built here cannot reference a tensor
 * that nothing produces.
 */
public final class GraphBuilder {
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> taken = new HashSet<>();
    private final Set<String> tensors = new HashSet<>();
    private final Map<String, Integer> counters = new HashMap<>();

    /** Returns {@code hint} if unused, else {@code hint_1}, {@code hint_2}, ...; marks it taken. */
    public String uniqueName(String hint) {
        String base = hint.isEmpty() ? "t" : hint;
        String name = base;
        while (taken.contains(name)) {
            int next = counters.merge(base, 1, Integer::sum);
            name = base + "_" + next;
        }
        taken.add(name);
        return name;
    }

    /** Declares a graph input; dims are {@link String} (symbolic) or {@link Number} (fixed). */
    public String input(String name, DataType type, Object... dims) {
        claim(name);
        graph.addInput(valueInfo(name, type, dims));
        return name;
    }

    /** Declares an existing tensor as a graph output with the given type and dims. */
    public void output(String name, DataType type, Object... dims) {
        requireKnown(name, "graph output");
        graph.addOutput(valueInfo(name, type, dims));
    }

    /** Adds a float32 initializer and returns its (unique) name. */
    public String float32(String hint, float[] data, long... dims) {
        String name = tensorName(hint);
        graph.addInitializer(Tensors.float32(name, data, dims));
        return name;
    }

    /** Adds an int64 initializer and returns its (unique) name. */
    public String int64(String hint, long[] data, long... dims) {
        String name = tensorName(hint);
        graph.addInitializer(Tensors.int64(name, data, dims));
        return name;
    }

    /** Adds an initializer built elsewhere; its name must be free. */
    public String initializer(TensorProto tensor) {
        claim(tensor.getName());
        graph.addInitializer(tensor);
        return tensor.getName();
    }

    /** Adds a node with one output named after {@code hint}; returns the output name. */
    public String node(String op, String hint, List<String> inputs, AttributeProto... attributes) {
        return node(op, hint, inputs, 1, attributes).getFirst();
    }

    /**
     * Adds a node. Inputs must be known names or "" (an omitted optional input).
     *
     * @return the names of its {@code outputs} outputs
     */
    public List<String> node(String op, String hint, List<String> inputs, int outputs,
                             AttributeProto... attributes) {
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(op).setName(uniqueName(hint + "/" + op));
        for (String in : inputs) {
            if (!in.isEmpty()) {
                requireKnown(in, op + " input");
            }
            node.addInput(in);
        }
        String[] names = new String[outputs];
        for (int i = 0; i < outputs; i++) {
            names[i] = tensorName(outputs == 1 ? hint : hint + "_" + i);
            node.addOutput(names[i]);
        }
        for (AttributeProto a : attributes) {
            node.addAttribute(a);
        }
        graph.addNode(node);
        return List.of(names);
    }

    /**
     * Adds a node whose single output gets exactly {@code outputName} (for contract names such as
     * {@code logits}); the name must be free.
     */
    public String namedNode(String op, String outputName, List<String> inputs, AttributeProto... attributes) {
        for (String in : inputs) {
            if (!in.isEmpty()) {
                requireKnown(in, op + " input");
            }
        }
        claim(outputName);
        graph.addNode(NodeProto.newBuilder().setOpType(op).setName(uniqueName(outputName + "/" + op))
                .addAllInput(inputs).addOutput(outputName).addAllAttribute(List.of(attributes)));
        return outputName;
    }

    /** True when a tensor of this name exists (input, initializer or node output). */
    public boolean isKnown(String name) {
        return tensors.contains(name);
    }

    /** The finished graph. */
    public GraphProto build(String graphName) {
        return graph.clone().setName(graphName).build();
    }

    /** A tensor value info; dims are {@link String} (symbolic) or {@link Number} (fixed). */
    public static ValueInfoProto valueInfo(String name, DataType type, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            switch (d) {
                case String param -> dim.setDimParam(param);
                case Number value -> dim.setDimValue(value.longValue());
                default -> throw new IllegalArgumentException("dimension must be a String or a Number, found " + d);
            }
            shape.addDim(dim);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
    }

    private String tensorName(String hint) {
        String name = uniqueName(hint);
        tensors.add(name);
        return name;
    }

    private void claim(String name) {
        if (!taken.add(name)) {
            throw new IllegalArgumentException("tensor name '" + name + "' is already used in this graph");
        }
        tensors.add(name);
    }

    private void requireKnown(String name, String role) {
        if (!tensors.contains(name)) {
            throw new IllegalArgumentException(role + " '" + name + "' is not produced by anything in this graph");
        }
    }
}
