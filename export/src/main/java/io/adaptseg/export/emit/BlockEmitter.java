package io.adaptseg.export.emit;

import ai.djl.nn.Block;
import java.util.List;

/**
 * Emits the ONNX nodes that compute one block class in inference mode; {@link EmitterRegistry}
 * binds each to the exact block class it handles.
 *
 * @param <B> the exact block class handled
 */
@FunctionalInterface
public interface BlockEmitter<B extends Block> {
    /**
     * Adds nodes computing {@code block(inputs)} and returns the output tensor names in the order the
     * block's forward returns its NDList.
     *
     * @param path the block's dotted path in the network (e.g. {@code layer1.0.conv1}), used for names
     */
    List<String> emit(B block, String path, List<String> inputs, Emission emission) throws UnsupportedBlockException;
}
