package io.adaptseg.export.emit;

import io.adaptseg.export.onnx.Attributes;
import io.adaptseg.train.model.blocks.Decoder;
import java.util.List;

/** {@link Decoder} with inputs {@code [lowLevel, high]} → outputs {@code [logits, features]}, as its dataflow. */
public final class DecoderEmitter implements BlockEmitter<Decoder> {
    @Override
    public List<String> emit(Decoder d, String path, List<String> inputs, Emission e) throws UnsupportedBlockException {
        Emission.requireInputs(d, path, inputs, "lowLevel", "high");
        String r = e.emitChild(d.reduce(), path, "reduce", inputs.get(0));
        String up = e.emit(d.upsample(), Emission.child(path, "upsample"), List.of(inputs.get(1), r)).getFirst();
        String cat = e.graph().node("Concat", Emission.child(path, "concat"), List.of(up, r),
                Attributes.integer("axis", 1));
        String features = e.emitChild(d.fuse(), path, "fuse", cat);
        String dropped = e.emitChild(d.dropout(), path, "dropout", features);
        String logits = e.emitChild(d.classifier(), path, "classifier", dropped);
        return List.of(logits, features);
    }
}
