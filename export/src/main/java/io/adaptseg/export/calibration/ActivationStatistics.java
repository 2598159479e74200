package io.adaptseg.export.calibration;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.runtime.backend.OrtProcess;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs inputs through a float32 model and keeps, for every float tensor of the graph (its input, each
 * node's outputs, its outputs), the smallest and largest value ({@link TensorRange}). It makes every
 * intermediate tensor an extra output of a copy of the model, so that ONNX Runtime returns it.
 *
 * <p>All intermediates of one run can need more memory than a machine has (a DeepLab-v2 ResNet-101 at
 * 512x1024 has hundreds of 1/8-resolution tensors of up to 2048 channels), so the tensors are fetched
 * in groups whose returned values stay under {@link #BUDGET_BYTES}; the model runs once per group. The
 * first input learns each tensor's size with small groups; later inputs use groups planned from it.
 *
 * <p>It can also keep a histogram of |x| per tensor ({@link AbsHistogram}), for the int8 calibrations
 * that choose a threshold from the distribution rather than from the extremes, and can be limited to
 * the tensors a caller will use (fewer tensors, fewer runs).
 *
 * <p>Owns its ONNX Runtime session: close it.
 */
public final class ActivationStatistics implements AutoCloseable {
    /** The most bytes of returned tensors held at once. */
    static final long BUDGET_BYTES = 1L << 30;
    /** Tensors per group while their sizes are unknown. */
    static final int FIRST_GROUP = 16;

    private final OrtSession session;
    private final String input;
    private final Map<String, TensorRange> ranges = new LinkedHashMap<>();
    private final Map<String, Long> bytes = new HashMap<>();
    private final Map<String, AbsHistogram> histograms = new HashMap<>();
    private int runs;

    /**
     * Prepares a session on a copy of {@code model} with every float tensor as an output.
     *
     * @throws AdaptsegException when the model does not have exactly one non-initializer input, or
     *     ONNX Runtime cannot load the copy
     */
    public ActivationStatistics(ModelProto model) throws AdaptsegException {
        this(model, null, 0);
    }

    /**
     * Prepares a session that measures only some tensors, with histograms when asked.
     *
     * @param only the float tensors to measure, or null for every one
     * @param histogramBins bins of each tensor's |x| histogram, or 0 for none
     * @throws AdaptsegException as {@link #ActivationStatistics(ModelProto)}, and naming a tensor of
     *     {@code only} that is not a float tensor of the graph
     */
    public ActivationStatistics(ModelProto model, Set<String> only, int histogramBins) throws AdaptsegException {
        GraphProto graph = model.getGraph();
        Set<String> initializers = new LinkedHashSet<>();
        graph.getInitializerList().forEach(t -> initializers.add(t.getName()));
        List<ValueInfoProto> inputs = graph.getInputList().stream()
                .filter(v -> !initializers.contains(v.getName())).toList();
        if (inputs.size() != 1) {
            throw new AdaptsegException("activation statistics need a model with one input, this one has "
                    + inputs.stream().map(ValueInfoProto::getName).toList());
        }
        this.input = inputs.getFirst().getName();
        Map<String, String> producers = floatTensors(graph, initializers);
        if (only != null) {
            for (String name : only) {
                if (!producers.containsKey(name)) {
                    throw new AdaptsegException("activation statistics: '" + name + "' is not a float tensor of the"
                            + " graph");
                }
            }
            producers.keySet().retainAll(only);
        }
        producers.forEach((name, op) -> ranges.put(name, TensorRange.empty(name, op)));
        if (histogramBins > 0) {
            producers.keySet().forEach(name -> histograms.put(name, new AbsHistogram(histogramBins)));
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            this.session = OrtProcess.environment().createSession(withOutputs(model, producers.keySet())
                    .toByteArray(), options);
        } catch (OrtException e) {
            throw new AdaptsegException("ONNX Runtime cannot load the model with its intermediate tensors as outputs: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Every float tensor a node produces, with its op type, plus the float graph input, in graph order.
     * Types are followed from the input and initializers through the nodes: ops that make integers or
     * booleans (Shape, ArgMax, Cast to uint8, comparisons) end a float chain.
     */
    static Map<String, String> floatTensors(GraphProto graph, Set<String> initializers) {
        Map<String, Integer> types = new HashMap<>();
        for (TensorProto t : graph.getInitializerList()) {
            types.put(t.getName(), t.getDataType());
        }
        Map<String, String> floats = new LinkedHashMap<>();
        for (ValueInfoProto v : graph.getInputList()) {
            int type = v.getType().getTensorType().getElemType();
            types.putIfAbsent(v.getName(), type);
            if (!initializers.contains(v.getName()) && type == TensorProto.DataType.FLOAT_VALUE) {
                floats.put(v.getName(), "input");
            }
        }
        for (NodeProto node : graph.getNodeList()) {
            int type = outputType(node, types);
            for (String out : node.getOutputList()) {
                if (out.isEmpty()) {
                    continue;
                }
                types.put(out, type);
                // a Constant is a weight, not an activation
                if (type == TensorProto.DataType.FLOAT_VALUE && !node.getOpType().equals("Constant")) {
                    floats.put(out, node.getOpType());
                }
            }
        }
        return floats;
    }

    private static int outputType(NodeProto node, Map<String, Integer> types) {
        switch (node.getOpType()) {
            case "Shape", "Size", "ArgMax", "ArgMin", "NonZero" -> {
                return TensorProto.DataType.INT64_VALUE;
            }
            case "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "Not", "And", "Or", "Xor", "IsNaN",
                 "IsInf" -> {
                return TensorProto.DataType.BOOL_VALUE;
            }
            case "Cast" -> {
                return (int) attribute(node, "to").map(AttributeProto::getI).orElse(0L).longValue();
            }
            case "Constant", "ConstantOfShape" -> {
                return attribute(node, "value").map(a -> a.getT().getDataType())
                        .orElse(TensorProto.DataType.FLOAT_VALUE);
            }
            default -> {
                for (String in : node.getInputList()) {
                    Integer t = types.get(in);
                    if (t != null) {
                        return t;
                    }
                }
                return TensorProto.DataType.UNDEFINED_VALUE;
            }
        }
    }

    private static java.util.Optional<AttributeProto> attribute(NodeProto node, String name) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst();
    }

    private static ModelProto withOutputs(ModelProto model, Set<String> names) {
        GraphProto.Builder g = model.getGraph().toBuilder();
        Set<String> declared = new LinkedHashSet<>();
        g.getOutputList().forEach(v -> declared.add(v.getName()));
        g.getInputList().forEach(v -> declared.add(v.getName()));
        for (String name : names) {
            if (declared.add(name)) {
                // no shape: ONNX Runtime infers it; the element type is what the check above followed
                g.addOutput(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))));
            }
        }
        return model.toBuilder().setGraph(g).build();
    }

    /**
     * Runs one input (already preprocessed, NCHW float32) and widens every tensor's range.
     *
     * @throws AdaptsegException when ONNX Runtime fails on it
     */
    public void accept(float[] data, long[] shape) throws AdaptsegException {
        OrtEnvironment env = OrtProcess.environment();
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape)) {
            if (ranges.containsKey(input)) {
                ranges.put(input, ranges.get(input).with(data));
                if (histograms.containsKey(input)) {
                    histograms.get(input).add(FloatBuffer.wrap(data));
                }
            }
            for (List<String> group : groups()) {
                try (OrtSession.Result result = session.run(Map.of(input, in), new LinkedHashSet<>(group))) {
                    for (String name : group) {
                        FloatBuffer values = ((OnnxTensor) result.get(name).orElseThrow()).getFloatBuffer();
                        bytes.put(name, 4L * values.remaining());
                        ranges.put(name, ranges.get(name).with(values));
                        if (histograms.containsKey(name)) {
                            histograms.get(name).add(values);
                        }
                    }
                }
            }
            runs++;
        } catch (OrtException e) {
            throw new AdaptsegException("ONNX Runtime failed on a calibration input of shape "
                    + java.util.Arrays.toString(shape) + ": " + e.getMessage(), e);
        }
    }

    /** Tensor groups that keep each run's returned values under the budget. */
    private List<List<String>> groups() {
        List<List<String>> groups = new ArrayList<>();
        List<String> current = new ArrayList<>();
        long held = 0;
        for (String name : ranges.keySet()) {
            if (name.equals(input)) {
                continue;
            }
            Long size = bytes.get(name);
            boolean full = size == null ? current.size() >= FIRST_GROUP : held + size > BUDGET_BYTES;
            if (full && !current.isEmpty()) {
                groups.add(current);
                current = new ArrayList<>();
                held = 0;
            }
            current.add(name);
            held += size == null ? 0 : size;
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }

    /** Inputs run so far. */
    public int runs() {
        return runs;
    }

    /** Every float tensor's range so far, in graph order. */
    public List<TensorRange> ranges() {
        return List.copyOf(ranges.values());
    }

    /** The |x| histogram of a measured tensor; empty when histograms were not asked for. */
    public Optional<AbsHistogram> histogram(String name) {
        return Optional.ofNullable(histograms.get(name));
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the activation statistics session: " + e.getMessage(), e);
        }
    }
}
