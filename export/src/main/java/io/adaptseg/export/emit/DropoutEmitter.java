package io.adaptseg.export.emit;

import ai.djl.nn.norm.Dropout;
import java.util.List;

/** DJL {@link Dropout}: the identity at inference, so no node at all. */
public final class DropoutEmitter implements BlockEmitter<Dropout> {
    @Override
    public List<String> emit(Dropout block, String path, List<String> inputs, Emission e) {
        return inputs;
    }
}
