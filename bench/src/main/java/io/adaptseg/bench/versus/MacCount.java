package io.adaptseg.bench.versus;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.runtime.backend.OrtProcess;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The multiply-adds of one run of an ONNX graph, counted from its {@code Conv}, {@code MatMul} and
 * {@code Gemm} nodes (everything else, pooling, batch norm, resize, is a few per element and left
 * out, as the usual "MACs" figure does). The shapes come from running the graph once in ONNX
 * Runtime with every tensor these nodes read or write made a graph output: that is shape inference
 * done by the library that runs the model, so padding, strides, dilations and pooling in between
 * cannot be got wrong by a second implementation.
 *
 * <p>Conv: output elements × (input channels per group × kernel area), which is the product of the
 * output shape and of the weight's shape without its first dimension. MatMul: output elements × the
 * shared dimension K (A's last). Gemm: output elements × K (A's second dimension, its first with
 * {@code transA}).
 *
 * @param conv   multiply-adds in convolutions
 * @param matMul multiply-adds in MatMul and Gemm
 */
public record MacCount(long conv, long matMul) {
    public long total() {
        return conv + matMul;
    }

    /** Floating-point operations: two per multiply-add. */
    public double flops() {
        return 2.0 * total();
    }

    /**
     * Counts the multiply-adds of {@code model} for one float32 input of {@code inputShape}.
     *
     * @throws AdaptsegException when ONNX Runtime cannot load or run the instrumented graph
     */
    public static MacCount of(ModelProto model, long[] inputShape) throws AdaptsegException {
        GraphProto graph = model.getGraph();
        Map<String, TensorProto> initializers = new HashMap<>();
        graph.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
        Set<String> inputs = new LinkedHashSet<>();
        graph.getInputList().forEach(v -> inputs.add(v.getName()));
        Set<String> declared = new LinkedHashSet<>();
        graph.getOutputList().forEach(v -> declared.add(v.getName()));
        // the tensors whose shapes are needed, with the element type they have (the weight's type:
        // Conv and MatMul require equal input and output types, which covers float16 exports)
        Map<String, Integer> wanted = new HashMap<>();
        for (NodeProto node : graph.getNodeList()) {
            if (!counted(node)) {
                continue;
            }
            int type = Optional.ofNullable(initializers.get(node.getInput(1))).map(TensorProto::getDataType)
                    .orElse(TensorProto.DataType.FLOAT_VALUE);
            wanted.put(node.getOutput(0), type);
            if (!node.getOpType().equals("Conv") && !initializers.containsKey(node.getInput(0))) {
                wanted.put(node.getInput(0), type);
            }
        }
        Map<String, long[]> shapes = run(instrument(model, wanted, inputs, declared), inputShape);
        initializers.forEach((name, t) -> shapes.putIfAbsent(name, t.getDimsList().stream().mapToLong(Long::longValue)
                .toArray()));
        long conv = 0;
        long matMul = 0;
        for (NodeProto node : graph.getNodeList()) {
            if (!counted(node)) {
                continue;
            }
            long outputs = elements(shape(shapes, node.getOutput(0)));
            if (node.getOpType().equals("Conv")) {
                long[] weight = shape(shapes, node.getInput(1));
                conv += outputs * elements(Arrays.copyOfRange(weight, 1, weight.length));
                continue;
            }
            long[] a = shape(shapes, node.getInput(0));
            matMul += outputs * (node.getOpType().equals("MatMul") ? a[a.length - 1]
                    : intAttribute(node, "transA") == 1 ? a[0] : a[1]);
        }
        return new MacCount(conv, matMul);
    }

    private static boolean counted(NodeProto node) {
        return switch (node.getOpType()) {
            case "Conv", "MatMul", "Gemm" -> node.getDomain().isEmpty();
            default -> false;
        };
    }

    private static ModelProto instrument(ModelProto model, Map<String, Integer> wanted, Set<String> inputs,
            Set<String> declared) {
        GraphProto.Builder graph = model.getGraph().toBuilder();
        wanted.forEach((name, type) -> {
            if (!declared.contains(name) && !inputs.contains(name)) {
                graph.addOutput(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type)))); // no shape: any rank
            }
        });
        return model.toBuilder().setGraph(graph).build();
    }

    private static Map<String, long[]> run(ModelProto model, long[] inputShape) throws AdaptsegException {
        OrtEnvironment env = OrtProcess.environment();
        GraphProto graph = model.getGraph();
        Set<String> initializerNames = new java.util.HashSet<>();
        graph.getInitializerList().forEach(t -> initializerNames.add(t.getName()));
        Map<String, long[]> shapes = new HashMap<>();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(model.toByteArray(), options)) {
            Map<String, OnnxTensor> feeds = new HashMap<>();
            try {
                int n = Math.toIntExact(elements(inputShape));
                float[] data = new float[n];
                java.util.Random random = new java.util.Random(3);
                for (int i = 0; i < n; i++) {
                    data[i] = (float) random.nextGaussian();
                }
                for (ValueInfoProto input : graph.getInputList()) {
                    if (!initializerNames.contains(input.getName())) {
                        feeds.put(input.getName(), OnnxTensor.createTensor(env, FloatBuffer.wrap(data), inputShape));
                        shapes.put(input.getName(), inputShape.clone());
                    }
                }
                try (OrtSession.Result result = session.run(feeds)) {
                    for (Map.Entry<String, OnnxValue> e : result) {
                        shapes.put(e.getKey(), ((TensorInfo) e.getValue().getInfo()).getShape());
                    }
                }
            } finally {
                feeds.values().forEach(OnnxTensor::close);
            }
        } catch (OrtException e) {
            throw new AdaptsegException("counting multiply-adds: ONNX Runtime cannot run the graph with input "
                    + Arrays.toString(inputShape) + " (" + e.getMessage() + ")", e);
        }
        return shapes;
    }

    private static long[] shape(Map<String, long[]> shapes, String name) {
        long[] shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalStateException("no shape recorded for tensor '" + name + "'");
        }
        return shape;
    }

    private static long elements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    private static long intAttribute(NodeProto node, String name) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).mapToLong(AttributeProto::getI)
                .findFirst().orElse(0);
    }
}
