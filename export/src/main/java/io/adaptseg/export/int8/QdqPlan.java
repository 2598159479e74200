package io.adaptseg.export.int8;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What an int8 rewrite quantises in a float32 graph (batch norms already folded).
 *
 * <p>The part that computes the logits is the body; the label head (Resize, ArgMax) is never in it.
 * The final classifier is every convolution the logits reach through no other convolution (DeepLab-v2's
 * four ASPP branches, DeepLab-v3+'s last 1x1), with the additions between it and the logits: they stay
 * float32 when {@code keepClassifierFloat}. Of the rest of the body, Conv (with initializer weights),
 * Add, MaxPool and Concat are quantised: each activation they read gets one QuantizeLinear after its
 * producer and a DequantizeLinear before each reader. A Relu is never an op of its own here: the tensor
 * after it is the one quantised (uint8 with zero point 0 clips at 0 exactly as the Relu does, so ONNX
 * Runtime drops it and fuses Conv+Relu into one QLinearConv). A MaxPool's output shares its input's
 * parameters, so that ONNX Runtime can run the pool on the integers directly.
 *
 * @param quantised every tensor that gets a QuantizeLinear, in graph order
 * @param sharedWith tensors whose parameters are another tensor's (MaxPool output → its input)
 * @param int8Convs the Conv nodes that get int8 weights
 * @param floatConvs the Conv nodes kept float32 (the classifier)
 */
public record QdqPlan(Set<String> quantised, Map<String, String> sharedWith, List<NodeProto> int8Convs,
                      List<NodeProto> floatConvs) {
    /** Ops quantised with QDQ on their inputs. */
    static final Set<String> OPS = Set.of("Conv", "Add", "MaxPool", "Concat");

    public QdqPlan {
        quantised = Collections.unmodifiableSet(new LinkedHashSet<>(quantised));
        sharedWith = Map.copyOf(sharedWith);
        int8Convs = List.copyOf(int8Convs);
        floatConvs = List.copyOf(floatConvs);
    }

    /** The tensors whose range must be measured: the quantised ones that do not share another's. */
    public Set<String> calibrated() {
        Set<String> out = new LinkedHashSet<>(quantised);
        out.removeAll(sharedWith.keySet());
        return out;
    }

    /**
     * Plans the rewrite of {@code graph}.
     *
     * @param output the tensor the body computes ({@code logits})
     * @throws IllegalArgumentException when no node produces {@code output}
     */
    public static QdqPlan of(GraphProto graph, String output, boolean keepClassifierFloat) {
        Map<String, NodeProto> producers = new HashMap<>();
        graph.getNodeList().forEach(n -> n.getOutputList().forEach(o -> producers.put(o, n)));
        if (!producers.containsKey(output)) {
            throw new IllegalArgumentException("no node produces '" + output + "'");
        }
        Map<String, TensorProto> initializers = new HashMap<>();
        graph.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
        Set<NodeProto> body = closure(List.of(output), producers, n -> true);
        // the classifier and what lies between it and the output: walk back, stopping at convolutions
        Set<NodeProto> tail = closure(List.of(output), producers, n -> !n.getOpType().equals("Conv"));
        if (!keepClassifierFloat) {
            tail.removeIf(n -> n.getOpType().equals("Conv"));
        }
        Set<NodeProto> quantisedNodes = new HashSet<>();
        List<NodeProto> int8Convs = new ArrayList<>();
        List<NodeProto> floatConvs = new ArrayList<>();
        for (NodeProto n : graph.getNodeList()) {
            if (!body.contains(n) || !OPS.contains(n.getOpType())) {
                continue;
            }
            if (n.getOpType().equals("Conv")) {
                if (tail.contains(n) || !convWithConstantWeights(n, initializers)) {
                    floatConvs.add(n);
                    continue;
                }
                int8Convs.add(n);
            } else if (tail.contains(n)) {
                continue;
            }
            quantisedNodes.add(n);
        }
        Set<String> quantised = new LinkedHashSet<>();
        Map<String, String> shared = new LinkedHashMap<>();
        Set<String> wanted = new HashSet<>();
        for (NodeProto n : quantisedNodes) {
            List<String> inputs = n.getOpType().equals("Conv") ? List.of(n.getInput(0)) : n.getInputList();
            for (String in : inputs) {
                if (!in.isEmpty() && !initializers.containsKey(in)) {
                    wanted.add(in);
                }
            }
        }
        // graph order: the input first, then node outputs as they are produced
        graph.getInputList().forEach(v -> {
            if (wanted.contains(v.getName())) {
                quantised.add(v.getName());
            }
        });
        for (NodeProto n : graph.getNodeList()) {
            for (String o : n.getOutputList()) {
                if (wanted.contains(o)) {
                    quantised.add(o);
                    if (n.getOpType().equals("MaxPool") && quantisedNodes.contains(n)) {
                        shared.put(o, n.getInput(0));
                    }
                }
            }
        }
        return new QdqPlan(quantised, shared, int8Convs, floatConvs);
    }

    private static boolean convWithConstantWeights(NodeProto conv, Map<String, TensorProto> initializers) {
        TensorProto w = conv.getInputCount() > 1 ? initializers.get(conv.getInput(1)) : null;
        if (w == null || w.getDataType() != TensorProto.DataType.FLOAT_VALUE || w.getDimsCount() != 4) {
            return false;
        }
        if (conv.getInputCount() > 2 && !conv.getInput(2).isEmpty()) {
            TensorProto b = initializers.get(conv.getInput(2));
            return b != null && b.getDataType() == TensorProto.DataType.FLOAT_VALUE;
        }
        return true;
    }

    /** Nodes reached backwards from {@code from}, continuing past a node only when {@code through} says so. */
    private static Set<NodeProto> closure(List<String> from, Map<String, NodeProto> producers,
                                          Predicate<NodeProto> through) {
        Set<NodeProto> seen = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(from);
        Set<String> visited = new HashSet<>();
        while (!pending.isEmpty()) {
            String tensor = pending.pop();
            NodeProto producer = producers.get(tensor);
            if (!visited.add(tensor) || producer == null || !seen.add(producer)) {
                continue;
            }
            if (through.test(producer)) {
                producer.getInputList().stream().filter(s -> !s.isEmpty()).forEach(pending::push);
            }
        }
        return seen;
    }
}
