package io.adaptseg.export.emit;

import io.adaptseg.export.onnx.Attributes;
import io.adaptseg.train.model.blocks.LeakyRelu;
import java.util.List;

/** {@link LeakyRelu} → {@code LeakyRelu(alpha = slope)}. */
public final class LeakyReluEmitter implements BlockEmitter<LeakyRelu> {
    @Override
    public List<String> emit(LeakyRelu block, String path, List<String> inputs, Emission e) {
        return List.of(e.graph().node("LeakyRelu", path, List.of(inputs.getFirst()),
                Attributes.floating("alpha", block.slope())));
    }
}
