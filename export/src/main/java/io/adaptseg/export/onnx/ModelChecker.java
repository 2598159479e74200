package io.adaptseg.export.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Checks an exported model before anyone is told it was written: every node input is produced by a
 * node, an initializer or a graph input (in topological order), all names are unique, ONNX Runtime
 * loads it, and a probe input yields outputs of the declared shapes, with symbolic dimensions bound
 * consistently (N, H, W of the input appear unchanged in the outputs that declare them).
 */
public final class ModelChecker {
    private ModelChecker() {
    }

    /** Problems with the graph's wiring and names; empty when it is well formed. */
    public static List<String> structuralProblems(GraphProto graph) {
        List<String> problems = new ArrayList<>();
        Set<String> available = new HashSet<>();
        Set<String> declared = new HashSet<>();
        for (ValueInfoProto in : graph.getInputList()) {
            if (!declared.add(in.getName())) {
                problems.add("graph input '" + in.getName() + "' is declared twice");
            }
            available.add(in.getName());
        }
        for (TensorProto init : graph.getInitializerList()) {
            if (!declared.add(init.getName()) && !isInput(graph, init.getName())) {
                problems.add("initializer '" + init.getName() + "' reuses a name");
            }
            available.add(init.getName());
        }
        Set<String> nodeNames = new HashSet<>();
        for (NodeProto node : graph.getNodeList()) {
            String label = node.getName().isEmpty() ? node.getOpType() : node.getName();
            if (!node.getName().isEmpty() && !nodeNames.add(node.getName())) {
                problems.add("node name '" + node.getName() + "' is used twice");
            }
            for (String in : node.getInputList()) {
                if (!in.isEmpty() && !available.contains(in)) {
                    problems.add("node " + label + " (" + node.getOpType() + ") reads '" + in
                            + "', which no earlier node, initializer or graph input produces");
                }
            }
            for (String out : node.getOutputList()) {
                if (!declared.add(out)) {
                    problems.add("node " + label + " writes '" + out + "', a name already in use");
                }
                available.add(out);
            }
        }
        for (ValueInfoProto out : graph.getOutputList()) {
            if (!available.contains(out.getName())) {
                problems.add("graph output '" + out.getName() + "' is not produced by any node");
            }
        }
        return problems;
    }

    private static boolean isInput(GraphProto graph, String name) {
        return graph.getInputList().stream().anyMatch(v -> v.getName().equals(name));
    }

    /**
     * Runs every check on a model file's bytes.
     *
     * @param probe the input shape to run, one entry per graph input in order (float32 inputs only)
     * @return the output shapes the probe produced, by output name
     * @throws AdaptsegException naming {@code what} (usually the file) and every problem found
     */
    public static Map<String, long[]> check(String what, ModelProto model, byte[] bytes, long[]... probe)
            throws AdaptsegException {
        List<String> problems = structuralProblems(model.getGraph());
        if (!problems.isEmpty()) {
            throw new AdaptsegException(what + ": malformed ONNX graph: " + String.join("; ", problems));
        }
        GraphProto graph = model.getGraph();
        List<ValueInfoProto> inputs = graph.getInputList().stream()
                .filter(v -> graph.getInitializerList().stream().noneMatch(t -> t.getName().equals(v.getName())))
                .toList();
        if (inputs.size() != probe.length) {
            throw new IllegalArgumentException("probe has " + probe.length + " shapes for " + inputs.size() + " inputs");
        }
        OrtEnvironment env = OrtProcess.environment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(bytes, options)) {
            Map<String, Long> bound = new HashMap<>();
            Map<String, OnnxTensor> feeds = new HashMap<>();
            try {
                Random random = new Random(7);
                for (int i = 0; i < inputs.size(); i++) {
                    bindDims(inputs.get(i), probe[i], bound, problems, "input");
                    int n = Math.toIntExact(Arrays.stream(probe[i]).reduce(1, Math::multiplyExact));
                    float[] data = new float[n];
                    for (int j = 0; j < n; j++) {
                        data[j] = (float) random.nextGaussian();
                    }
                    feeds.put(inputs.get(i).getName(), OnnxTensor.createTensor(env, FloatBuffer.wrap(data), probe[i]));
                }
                Map<String, long[]> shapes = new HashMap<>();
                try (OrtSession.Result result = session.run(feeds)) {
                    for (ValueInfoProto out : graph.getOutputList()) {
                        Optional<OnnxValue> value = result.get(out.getName());
                        if (value.isEmpty()) {
                            problems.add("output '" + out.getName() + "' missing from the run");
                            continue;
                        }
                        long[] shape = ((TensorInfo) value.get().getInfo()).getShape();
                        shapes.put(out.getName(), shape);
                        bindDims(out, shape, bound, problems, "output");
                        int declaredType = out.getType().getTensorType().getElemType();
                        int actualType = onnxType((TensorInfo) value.get().getInfo());
                        if (declaredType != actualType) {
                            problems.add("output '" + out.getName() + "' declared as "
                                    + TensorProto.DataType.forNumber(declaredType) + " but ONNX Runtime returned "
                                    + TensorProto.DataType.forNumber(actualType));
                        }
                    }
                }
                if (!problems.isEmpty()) {
                    throw new AdaptsegException(what + ": probe run " + shapesText(probe) + " disagrees with the declared outputs: "
                            + String.join("; ", problems));
                }
                return shapes;
            } finally {
                feeds.values().forEach(OnnxTensor::close);
            }
        } catch (OrtException e) {
            throw new AdaptsegException(what + ": ONNX Runtime cannot run it: " + e.getMessage(), e);
        }
    }

    private static String shapesText(long[][] probe) {
        return Arrays.stream(probe).map(Arrays::toString).toList().toString();
    }

    private static void bindDims(ValueInfoProto info, long[] actual, Map<String, Long> bound, List<String> problems,
                                 String role) {
        List<TensorShapeProto.Dimension> dims = info.getType().getTensorType().getShape().getDimList();
        if (dims.size() != actual.length) {
            problems.add(role + " '" + info.getName() + "' has rank " + actual.length + ", declared " + dims.size());
            return;
        }
        for (int i = 0; i < actual.length; i++) {
            TensorShapeProto.Dimension d = dims.get(i);
            if (d.hasDimValue() && d.getDimValue() != actual[i]) {
                problems.add(role + " '" + info.getName() + "' dim " + i + " is " + actual[i] + ", declared "
                        + d.getDimValue());
            } else if (d.hasDimParam()) {
                Long previous = bound.putIfAbsent(d.getDimParam(), actual[i]);
                if (previous != null && previous != actual[i]) {
                    problems.add(role + " '" + info.getName() + "' dim " + i + " (" + d.getDimParam() + ") is "
                            + actual[i] + " but " + d.getDimParam() + " = " + previous + " elsewhere");
                }
            }
        }
    }

    private static int onnxType(TensorInfo info) {
        return switch (info.type) {
            case FLOAT -> TensorProto.DataType.FLOAT_VALUE;
            case FLOAT16 -> TensorProto.DataType.FLOAT16_VALUE;
            case INT64 -> TensorProto.DataType.INT64_VALUE;
            case INT32 -> TensorProto.DataType.INT32_VALUE;
            case UINT8 -> TensorProto.DataType.UINT8_VALUE;
            case INT8 -> TensorProto.DataType.INT8_VALUE;
            default -> TensorProto.DataType.UNDEFINED_VALUE;
        };
    }
}
