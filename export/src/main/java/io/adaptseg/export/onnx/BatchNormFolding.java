package io.adaptseg.export.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds inference-form BatchNormalization into the Conv before it: with
 * {@code k = gamma / sqrt(var + eps)} per output channel, {@code W' = W * k} and
 * {@code b' = (b - mean) * k + beta}. Only a Conv whose output feeds nothing but that one
 * BatchNormalization and whose weights are initializers is folded; every other BN stays as it is,
 * so the pass never changes what the graph computes beyond float rounding.
 */
public final class BatchNormFolding {
    private BatchNormFolding() {
    }

    /** The graph with every foldable Conv → BatchNormalization pair merged into one Conv. */
    public static GraphProto fold(GraphProto graph) {
        Map<String, TensorProto> initializers = new HashMap<>();
        graph.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
        Map<String, Integer> uses = new HashMap<>();
        for (NodeProto n : graph.getNodeList()) {
            n.getInputList().forEach(in -> uses.merge(in, 1, Integer::sum));
        }
        graph.getOutputList().forEach(o -> uses.merge(o.getName(), 1, Integer::sum));
        Map<String, NodeProto> producers = new HashMap<>();
        graph.getNodeList().forEach(n -> n.getOutputList().forEach(o -> producers.put(o, n)));

        Map<NodeProto, NodeProto> replacedConvs = new HashMap<>();
        Set<NodeProto> removedBns = new HashSet<>();
        List<TensorProto> added = new ArrayList<>();
        for (NodeProto bn : graph.getNodeList()) {
            if (!bn.getOpType().equals("BatchNormalization") || bn.getOutputCount() != 1) {
                continue;
            }
            NodeProto conv = producers.get(bn.getInput(0));
            if (conv == null || !conv.getOpType().equals("Conv") || replacedConvs.containsKey(conv)
                    || uses.getOrDefault(bn.getInput(0), 0) != 1 || !initializers.containsKey(conv.getInput(1))
                    || (conv.getInputCount() > 2 && !initializers.containsKey(conv.getInput(2)))
                    || !bn.getInputList().subList(1, 5).stream().allMatch(initializers::containsKey)) {
                continue;
            }
            TensorProto weight = initializers.get(conv.getInput(1));
            if (weight.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
                continue;
            }
            float[] w = Tensors.floats(weight);
            long[] wDims = Tensors.dims(weight);
            int outChannels = (int) wDims[0];
            float[] bias = conv.getInputCount() > 2 ? Tensors.floats(initializers.get(conv.getInput(2)))
                    : new float[outChannels];
            float[] gamma = Tensors.floats(initializers.get(bn.getInput(1)));
            float[] beta = Tensors.floats(initializers.get(bn.getInput(2)));
            float[] mean = Tensors.floats(initializers.get(bn.getInput(3)));
            float[] var = Tensors.floats(initializers.get(bn.getInput(4)));
            double eps = epsilon(bn);
            int perChannel = w.length / outChannels;
            float[] w2 = new float[w.length];
            float[] b2 = new float[outChannels];
            for (int c = 0; c < outChannels; c++) {
                double k = gamma[c] / Math.sqrt(var[c] + eps);
                for (int i = c * perChannel; i < (c + 1) * perChannel; i++) {
                    w2[i] = (float) (w[i] * k);
                }
                b2[c] = (float) ((bias[c] - mean[c]) * k + beta[c]);
            }
            String wName = freshName(conv.getInput(1) + "_folded", initializers, added);
            String bName = freshName(conv.getOutput(0) + "_folded_bias", initializers, added);
            added.add(Tensors.float32(wName, w2, wDims));
            added.add(Tensors.float32(bName, b2, outChannels));
            NodeProto.Builder folded = conv.toBuilder().clearInput().addInput(conv.getInput(0)).addInput(wName)
                    .addInput(bName).clearOutput().addOutput(bn.getOutput(0));
            replacedConvs.put(conv, folded.build());
            removedBns.add(bn);
        }
        if (replacedConvs.isEmpty()) {
            return graph;
        }
        GraphProto.Builder out = graph.toBuilder().clearNode();
        for (NodeProto n : graph.getNodeList()) {
            if (!removedBns.contains(n)) {
                out.addNode(replacedConvs.getOrDefault(n, n));
            }
        }
        out.addAllInitializer(added);
        return Graphs.withoutUnusedInitializers(out.build());
    }

    private static String freshName(String hint, Map<String, TensorProto> existing, List<TensorProto> added) {
        String name = hint;
        for (int i = 1; existing.containsKey(name) || containsName(added, name); i++) {
            name = hint + "_" + i;
        }
        return name;
    }

    private static boolean containsName(List<TensorProto> tensors, String name) {
        return tensors.stream().anyMatch(t -> t.getName().equals(name));
    }

    private static double epsilon(NodeProto bn) {
        for (AttributeProto a : bn.getAttributeList()) {
            if (a.getName().equals("epsilon")) {
                return a.getF();
            }
        }
        return 1e-5; // the ONNX default
    }
}
