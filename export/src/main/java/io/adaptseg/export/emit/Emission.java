package io.adaptseg.export.emit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.adaptseg.export.onnx.GraphBuilder;
import java.util.List;

/**
 * One export in progress: the graph being built and the registry used to emit child blocks.
 * Emitters call {@link #emit} for their children and {@link #parameter} for their weights.
 */
public final class Emission {
    private final GraphBuilder graph;
    private final EmitterRegistry registry;

    public Emission(GraphBuilder graph, EmitterRegistry registry) {
        this.graph = graph;
        this.registry = registry;
    }

    public GraphBuilder graph() {
        return graph;
    }

    /** Emits a block (through the registry) and returns its outputs. */
    public List<String> emit(Block block, String path, List<String> inputs) throws UnsupportedBlockException {
        return registry.emit(block, path, inputs, this);
    }

    /**
     * Emits a single-input, single-output child block named {@code name} under {@code parent} (its path
     * is {@link #child}{@code (parent, name)}) and returns its output.
     */
    public String emitChild(Block block, String parent, String name, String input) throws UnsupportedBlockException {
        String path = child(parent, name);
        List<String> out = emit(block, path, List.of(input));
        if (out.size() != 1) {
            throw new UnsupportedBlockException(describe(block, path) + " has " + out.size()
                    + " outputs where one is expected");
        }
        return out.getFirst();
    }

    /**
     * Adds the current value of a block's parameter as a float32 initializer named
     * {@code path.name}; returns the initializer's name.
     */
    public String parameter(Block block, String path, String name) throws UnsupportedBlockException {
        Parameter p = block.getDirectParameters().get(name);
        if (p == null || !p.isInitialized()) {
            throw new UnsupportedBlockException(describe(block, path) + " has no initialised parameter '" + name
                    + "' (was the model loaded?)");
        }
        NDArray array = p.getArray();
        float[] values = array.getDataType() == DataType.FLOAT32 ? array.toFloatArray()
                : array.toType(DataType.FLOAT32, false).toFloatArray();
        return graph.float32(path + "." + name, values, array.getShape().getShape());
    }

    /** Refuses an input list other than the named inputs: "… needs inputs [x, reference], found 1". */
    public static void requireInputs(Block block, String path, List<String> inputs, String... names)
            throws UnsupportedBlockException {
        if (inputs.size() != names.length) {
            throw new UnsupportedBlockException(describe(block, path) + " needs inputs [" + String.join(", ", names)
                    + "], found " + inputs.size());
        }
    }

    /** "Conv2d at layer1.0.conv1", for messages. */
    public static String describe(Block block, String path) {
        return block.getClass().getSimpleName() + " at " + (path.isEmpty() ? "the network root" : path);
    }

    /** {@code parent.child}, or {@code child} at the root. */
    public static String child(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }
}
