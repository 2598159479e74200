package io.adaptseg.export.int8;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.adaptseg.export.onnx.Attributes;
import io.adaptseg.export.onnx.Graphs;
import io.adaptseg.export.onnx.Tensors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a float32 graph into QDQ form following a {@link QdqPlan}: a QuantizeLinear after each
 * quantised tensor's producer, a DequantizeLinear before each node that reads it (one per reader, so
 * that every Conv/Add/MaxPool sees its own DQ, the pattern ONNX Runtime's fusions look for), and each
 * int8 convolution's weight and bias replaced by int8 / int32 initializers behind a per-channel
 * DequantizeLinear (axis 0). Nodes keep their order; the new ones sit right before their reader or right
 * after their producer, so the graph stays topologically sorted.
 */
public final class QdqRewriter {
    private final GraphProto graph;
    private final QdqPlan plan;
    private final Map<String, QuantParams> params;
    private final Set<String> names = new HashSet<>();
    private final List<TensorProto> added = new ArrayList<>();

    private QdqRewriter(GraphProto graph, QdqPlan plan, Map<String, QuantParams> params) {
        this.graph = graph;
        this.plan = plan;
        this.params = params;
        graph.getInitializerList().forEach(t -> names.add(t.getName()));
        graph.getInputList().forEach(v -> names.add(v.getName()));
        graph.getNodeList().forEach(n -> {
            names.addAll(n.getOutputList());
            names.add(n.getName());
        });
    }

    /**
     * The quantised graph.
     *
     * @param params the parameters of every tensor in {@link QdqPlan#calibrated()}; those of
     *     {@link QdqPlan#sharedWith()} are taken from the tensor they share with
     * @throws IllegalArgumentException when a quantised tensor has no parameters
     */
    public static GraphProto rewrite(GraphProto graph, QdqPlan plan, Map<String, QuantParams> params) {
        Map<String, QuantParams> all = new LinkedHashMap<>(params);
        plan.sharedWith().forEach((tensor, source) -> all.put(tensor, all.get(source)));
        for (String t : plan.quantised()) {
            if (all.get(t) == null) {
                throw new IllegalArgumentException("no quantisation parameters for tensor '" + t + "'");
            }
        }
        return new QdqRewriter(graph, plan, all).run();
    }

    private GraphProto run() {
        Map<String, TensorProto> initializers = new HashMap<>();
        graph.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
        Set<NodeProto> int8Convs = new HashSet<>(plan.int8Convs());
        Map<String, QuantizedTensor> quantised = new HashMap<>();
        GraphProto.Builder out = graph.toBuilder().clearNode();
        for (var v : graph.getInputList()) {
            if (plan.quantised().contains(v.getName())) {
                quantised.put(v.getName(), quantize(v.getName(), out));
            }
        }
        for (NodeProto n : graph.getNodeList()) {
            NodeProto.Builder b = n.toBuilder().clearInput();
            Map<String, String> dequantised = new HashMap<>();
            for (int i = 0; i < n.getInputCount(); i++) {
                String in = n.getInput(i);
                QuantizedTensor q = quantised.get(in);
                if (q != null) {
                    b.addInput(dequantised.computeIfAbsent(in, x -> dequantize(q, n.getName(), out)));
                } else if (int8Convs.contains(n) && i == 1) {
                    b.addInput(weight(n, initializers.get(in), out));
                } else if (int8Convs.contains(n) && i == 2 && !in.isEmpty()) {
                    b.addInput(bias(n, initializers.get(in), initializers.get(n.getInput(1)), out));
                } else {
                    b.addInput(in);
                }
            }
            out.addNode(b);
            for (String o : n.getOutputList()) {
                if (plan.quantised().contains(o)) {
                    quantised.put(o, quantize(o, out));
                }
            }
        }
        out.addAllInitializer(added);
        return Graphs.withoutUnusedInitializers(out.build());
    }

    /** A quantised tensor: the integer tensor and its parameters' initializers. */
    private record QuantizedTensor(String name, String integers, String scale, String zeroPoint) {
    }

    private QuantizedTensor quantize(String tensor, GraphProto.Builder out) {
        QuantParams p = params.get(tensor);
        String scale = constant(Tensors.float32(fresh(tensor + "_scale"), new float[] {p.scale()}));
        String zp = constant(p.unsigned()
                ? Tensors.uint8(fresh(tensor + "_zero_point"), new byte[] {(byte) p.zeroPoint()})
                : Tensors.int8(fresh(tensor + "_zero_point"), new byte[] {(byte) p.zeroPoint()}));
        String integers = fresh(tensor + "_quantized");
        out.addNode(NodeProto.newBuilder().setOpType("QuantizeLinear").setName(fresh(tensor + "/QuantizeLinear"))
                .addInput(tensor).addInput(scale).addInput(zp).addOutput(integers));
        return new QuantizedTensor(tensor, integers, scale, zp);
    }

    private String dequantize(QuantizedTensor q, String reader, GraphProto.Builder out) {
        String name = fresh(q.name() + "_dequantized");
        out.addNode(NodeProto.newBuilder().setOpType("DequantizeLinear").setName(fresh(reader + "/DequantizeLinear"))
                .addInput(q.integers()).addInput(q.scale()).addInput(q.zeroPoint()).addOutput(name));
        return name;
    }

    private String weight(NodeProto conv, TensorProto w, GraphProto.Builder out) {
        long[] dims = Tensors.dims(w);
        int channels = (int) dims[0];
        WeightQuantizer.PerChannel q = WeightQuantizer.weights(Tensors.floats(w), channels);
        String ints = constant(Tensors.int8(fresh(w.getName() + "_int8"), q.q(), dims));
        String scale = constant(Tensors.float32(fresh(w.getName() + "_scale"), q.scales(), channels));
        String zp = constant(Tensors.int8(fresh(w.getName() + "_zero_point"), new byte[channels], channels));
        return perChannelDequantize(conv, w.getName(), ints, scale, zp, out);
    }

    private String bias(NodeProto conv, TensorProto b, TensorProto w, GraphProto.Builder out) {
        int channels = (int) Tensors.dims(w)[0];
        float[] weightScales = WeightQuantizer.weights(Tensors.floats(w), channels).scales();
        float[] scales = WeightQuantizer.biasScales(params.get(conv.getInput(0)).scale(), weightScales);
        int[] q = WeightQuantizer.bias(Tensors.floats(b), scales);
        String ints = constant(Tensors.int32(fresh(b.getName() + "_int32"), q, channels));
        String scale = constant(Tensors.float32(fresh(b.getName() + "_scale"), scales, channels));
        String zp = constant(Tensors.int32(fresh(b.getName() + "_zero_point"), new int[channels], channels));
        return perChannelDequantize(conv, b.getName(), ints, scale, zp, out);
    }

    private String perChannelDequantize(NodeProto conv, String original, String ints, String scale, String zp,
                                        GraphProto.Builder out) {
        String name = fresh(original + "_dequantized");
        out.addNode(NodeProto.newBuilder().setOpType("DequantizeLinear")
                .setName(fresh(conv.getName() + "/" + original + "/DequantizeLinear"))
                .addInput(ints).addInput(scale).addInput(zp).addOutput(name)
                .addAttribute(Attributes.integer("axis", 0)));
        return name;
    }

    private String constant(TensorProto t) {
        added.add(t);
        return t.getName();
    }

    private String fresh(String hint) {
        String name = hint;
        for (int i = 1; names.contains(name); i++) {
            name = hint + "_" + i;
        }
        names.add(name);
        return name;
    }
}
