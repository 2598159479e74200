package io.adaptseg.export.emit;

import ai.djl.nn.Block;
import java.util.List;

/**
 * Emits the ONNX nodes that compute one block class in inference mode.
 *
 * @param <B> the exact block class handled
 */
public interface BlockEmitter<B extends Block> {
    /** The block class this emitter handles (matched exactly, not by subclass). */
    Class<B> blockType();

    /**
     * Adds nodes computing {@code block(inputs)} and returns the output tensor names in the order the
     * block's forward returns its NDList.
     *
     * @param path the block's dotted path in the network (e.g. {@code layer1.0.conv1}), used for names
     */
    List<String> emit(B block, String path, List<String> inputs, Emission emission) throws UnsupportedBlockException;
}
