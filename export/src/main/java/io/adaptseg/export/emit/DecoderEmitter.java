package io.adaptseg.export.emit;

import io.adaptseg.export.onnx.Attributes;
import io.adaptseg.train.model.blocks.Decoder;
import java.util.List;

/** {@link Decoder} with inputs {@code [lowLevel, high]} → outputs {@code [logits, features]}, as its dataflow. */
public final class DecoderEmitter implements BlockEmitter<Decoder> {
    @Override
    public Class<Decoder> blockType() {
        return Decoder.class;
    }

    @Override
    public List<String> emit(Decoder d, String path, List<String> inputs, Emission e) throws UnsupportedBlockException {
        if (inputs.size() != 2) {
            throw new UnsupportedBlockException(Emission.describe(d, path) + " needs inputs [lowLevel, high], found "
                    + inputs.size());
        }
        String r = e.emitSingle(d.reduce(), Emission.child(path, "reduce"), inputs.get(0));
        String up = e.emit(d.upsample(), Emission.child(path, "upsample"), List.of(inputs.get(1), r)).getFirst();
        String cat = e.graph().node("Concat", Emission.child(path, "concat"), List.of(up, r),
                Attributes.integer("axis", 1));
        String features = e.emitSingle(d.fuse(), Emission.child(path, "fuse"), cat);
        String dropped = e.emitSingle(d.dropout(), Emission.child(path, "dropout"), features);
        String logits = e.emitSingle(d.classifier(), Emission.child(path, "classifier"), dropped);
        return List.of(logits, features);
    }
}
