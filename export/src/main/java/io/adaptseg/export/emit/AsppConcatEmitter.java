package io.adaptseg.export.emit;

import io.adaptseg.export.onnx.Attributes;
import io.adaptseg.train.model.blocks.AsppConcat;
import java.util.ArrayList;
import java.util.List;

/** {@link AsppConcat} → the branches on the same input, {@code Concat(axis=1)} in branch order, the projection. */
public final class AsppConcatEmitter implements BlockEmitter<AsppConcat> {
    @Override
    public List<String> emit(AsppConcat aspp, String path, List<String> inputs, Emission e) throws UnsupportedBlockException {
        List<String> branches = new ArrayList<>();
        for (int i = 0; i < aspp.branches().size(); i++) {
            branches.add(e.emitChild(aspp.branches().get(i), path, "branches." + i, inputs.getFirst()));
        }
        String cat = e.graph().node("Concat", Emission.child(path, "concat"), branches, Attributes.integer("axis", 1));
        return List.of(e.emitChild(aspp.project(), path, "project", cat));
    }
}
