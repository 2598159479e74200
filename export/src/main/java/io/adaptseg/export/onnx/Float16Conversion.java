package io.adaptseg.export.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.adaptseg.core.AdaptsegException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts the part of a graph that computes given float32 tensors (the network body) to float16:
 * its float initializers become float16, each float32 tensor it reads from outside is cast to float16
 * once, and each tensor it hands to the outside is cast back to float32 under its original name.
 * Nodes outside that part (the label head that upsamples and argmaxes the float32 logits) stay
 * float32, so the model keeps float32 inputs and outputs and the contract does not change.
 *
 * <p>Every initializer is checked before it is converted, because a value beyond float16's range
 * becomes {@code inf} and silently zeroes a channel (a batch norm whose running variance exceeds 65504
 * on 0-255 inputs does exactly that). Nodes that cannot be converted safely stay float32 between
 * casts: every BatchNormalization still in the graph (its variance and mean live on the input's scale;
 * fold them first, {@link BatchNormFolding}), and every node reading an initializer with a value
 * above 65504 or whose non-zero values would all flush to zero. Each such decision is returned as a
 * {@link Float16Note} naming the tensor. A node of another kind with such an initializer cannot be kept
 * float32 here and fails the conversion, naming the tensor.
 */
public final class Float16Conversion {
    /** The largest finite float16 value. */
    public static final float FLOAT16_MAX = 65504f;
    /** Operators whose data inputs and outputs are all float, so casts around them are always valid. */
    private static final Set<String> KEEPABLE = Set.of("BatchNormalization", "Conv", "ConvTranspose", "Gemm",
            "MatMul", "Add", "Sub", "Mul", "Div", "PRelu", "InstanceNormalization", "LayerNormalization");

    private Float16Conversion() {
    }

    /** A converted graph and what the conversion decided about individual tensors. */
    public record Result(GraphProto graph, List<Float16Note> notes) {
        public Result {
            notes = List.copyOf(notes);
        }
    }

    /**
     * The converted graph only ({@link #convertChecked} also returns the notes).
     *
     * @throws IllegalArgumentException when a tensor cannot be converted (see {@link #convertChecked})
     */
    public static GraphProto convert(GraphProto graph, List<String> boundary) {
        try {
            return convertChecked(graph, boundary).graph();
        } catch (AdaptsegException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * @param boundary float32 tensors that the float16 part produces and later nodes or outputs read
     * @throws AdaptsegException naming the initializer and node when a value is outside float16's range
     *     and the node reading it cannot be kept in float32
     */
    public static Result convertChecked(GraphProto graph, List<String> boundary) throws AdaptsegException {
        Map<String, NodeProto> producers = new HashMap<>();
        graph.getNodeList().forEach(n -> n.getOutputList().forEach(o -> producers.put(o, n)));
        for (String b : boundary) {
            if (!producers.containsKey(b)) {
                throw new IllegalArgumentException("boundary tensor '" + b + "' is not produced by a node");
            }
        }
        Set<NodeProto> region = backwardClosure(boundary, producers);
        Map<String, TensorProto> initializers = new HashMap<>();
        graph.getInitializerList().forEach(t -> initializers.put(t.getName(), t));

        List<Float16Note> notes = new ArrayList<>();
        Set<NodeProto> kept = new HashSet<>();
        Map<String, Float16Note> checked = new HashMap<>();
        for (NodeProto n : graph.getNodeList()) {
            if (!region.contains(n)) {
                continue;
            }
            if (n.getOpType().equals("BatchNormalization")) {
                kept.add(n);
                notes.add(new Float16Note(n.getName(), Float16Note.Kind.BATCH_NORM, 0, 0, true));
                continue;
            }
            for (String in : n.getInputList()) {
                TensorProto t = initializers.get(in);
                if (t == null || t.getDataType() != DataType.FLOAT_VALUE) {
                    continue;
                }
                Float16Note problem = checked.computeIfAbsent(in, name -> inspect(t));
                if (problem == null) {
                    continue;
                }
                if (problem.keepsFloat32()) {
                    if (!KEEPABLE.contains(n.getOpType())) {
                        throw new AdaptsegException("float16: initializer '" + in + "' of node '" + n.getName() + "' ("
                                + n.getOpType() + ") " + problem.describe() + "; a " + n.getOpType()
                                + " cannot be kept in float32 here, so export without --fp16");
                    }
                    kept.add(n);
                }
            }
        }
        checked.values().stream().filter(java.util.Objects::nonNull).forEach(notes::add);
        region.removeAll(kept);
        return new Result(rewrite(graph, region, Set.copyOf(boundary), initializers), notes);
    }

    /** Every node that contributes to the boundary tensors. */
    private static Set<NodeProto> backwardClosure(List<String> boundary, Map<String, NodeProto> producers) {
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
        return region;
    }

    /** What converting this float32 initializer would do to it; null when nothing worth noting. */
    static Float16Note inspect(TensorProto t) {
        float[] v = Tensors.floats(t);
        int overflow = 0;
        int flushed = 0;
        int nonZero = 0;
        float largest = 0;
        for (float x : v) {
            if (!Float.isFinite(x)) {
                continue; // not a range question: non-finite weights are refused before export
            }
            float a = Math.abs(x);
            largest = Math.max(largest, a);
            if (x != 0) {
                nonZero++;
                float half = Float.float16ToFloat(Float.floatToFloat16(x));
                if (Float.isInfinite(half)) {
                    overflow++;
                } else if (half == 0) {
                    flushed++;
                }
            }
        }
        if (overflow > 0) {
            return new Float16Note(t.getName(), Float16Note.Kind.OVERFLOW, overflow, largest, true);
        }
        if (flushed > 0) {
            // a few tiny weights flushed to zero change nothing; a tensor that vanishes entirely does
            return new Float16Note(t.getName(), Float16Note.Kind.UNDERFLOW, flushed, largest, flushed == nonZero);
        }
        return null;
    }

    private static GraphProto rewrite(GraphProto graph, Set<NodeProto> half, Set<String> boundary,
                                      Map<String, TensorProto> initializers) {
        Set<String> names = new HashSet<>(initializers.keySet());
        graph.getInputList().forEach(v -> names.add(v.getName()));
        graph.getNodeList().forEach(n -> names.addAll(n.getOutputList()));
        Set<String> nodeNames = new HashSet<>();
        graph.getNodeList().forEach(n -> nodeNames.add(n.getName()));
        Set<String> halfReads = new LinkedHashSet<>();
        Set<String> floatReads = new HashSet<>();
        for (NodeProto n : graph.getNodeList()) {
            (half.contains(n) ? halfReads : floatReads).addAll(n.getInputList());
        }
        graph.getOutputList().forEach(o -> floatReads.add(o.getName()));
        floatReads.addAll(boundary);

        GraphProto.Builder out = graph.toBuilder().clearInitializer().clearNode();
        Map<String, String> halfName = new HashMap<>();
        for (TensorProto t : graph.getInitializerList()) {
            boolean toHalf = t.getDataType() == DataType.FLOAT_VALUE && halfReads.contains(t.getName());
            if (!toHalf) {
                out.addInitializer(t);
            } else if (floatReads.contains(t.getName())) {
                // read by both precisions: a float16 copy beside the float32 original
                out.addInitializer(t);
                String copy = fresh(t.getName() + "_fp16", names);
                halfName.put(t.getName(), copy);
                out.addInitializer(Tensors.float16(copy, Tensors.floats(t), Tensors.dims(t)));
            } else {
                out.addInitializer(Tensors.float16(t.getName(), Tensors.floats(t), Tensors.dims(t)));
            }
        }
        // float32 tensors entering the float16 part: graph inputs (cast first) and outputs of nodes kept
        // float32 (cast right after their node)
        for (var v : graph.getInputList()) {
            if (v.getType().getTensorType().getElemType() == DataType.FLOAT_VALUE && halfReads.contains(v.getName())) {
                String copy = fresh(v.getName() + "_fp16", names);
                halfName.put(v.getName(), copy);
                out.addNode(cast(v.getName(), copy, DataType.FLOAT16, nodeNames));
            }
        }
        for (NodeProto n : graph.getNodeList()) {
            if (!half.contains(n)) {
                out.addNode(n);
                if (KEEPABLE.contains(n.getOpType())) {
                    for (String o : n.getOutputList()) {
                        if (halfReads.contains(o)) {
                            String copy = fresh(o + "_fp16", names);
                            halfName.put(o, copy);
                            out.addNode(cast(o, copy, DataType.FLOAT16, nodeNames));
                        }
                    }
                }
                continue;
            }
            NodeProto.Builder b = n.toBuilder().clearInput().clearOutput();
            n.getInputList().forEach(in -> b.addInput(halfName.getOrDefault(in, in)));
            Map<String, String> castBack = new HashMap<>();
            for (String o : n.getOutputList()) {
                if (floatReads.contains(o)) {
                    String copy = fresh(o + "_fp16", names);
                    castBack.put(copy, o);
                    halfName.put(o, copy);
                    b.addOutput(copy);
                } else {
                    b.addOutput(o);
                }
            }
            out.addNode(b);
            castBack.forEach((copy, o) -> out.addNode(cast(copy, o, DataType.FLOAT, nodeNames)));
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
