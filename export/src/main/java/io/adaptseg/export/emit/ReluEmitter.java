package io.adaptseg.export.emit;

import io.adaptseg.train.model.blocks.Relu;
import java.util.List;

/** {@link Relu} → {@code Relu}. */
public final class ReluEmitter implements BlockEmitter<Relu> {
    @Override
    public List<String> emit(Relu block, String path, List<String> inputs, Emission e) {
        return List.of(e.graph().node("Relu", path, List.of(inputs.getFirst())));
    }
}
