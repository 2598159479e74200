package io.adaptseg.export.emit;

import io.adaptseg.train.model.blocks.Bottleneck;
import java.util.List;

/** {@link Bottleneck} → three Conv-BN(-Relu) stages, the shortcut, {@code Add}, {@code Relu}. */
public final class BottleneckEmitter implements BlockEmitter<Bottleneck> {
    @Override
    public Class<Bottleneck> blockType() {
        return Bottleneck.class;
    }

    @Override
    public List<String> emit(Bottleneck b, String path, List<String> inputs, Emission e)
            throws UnsupportedBlockException {
        String x = inputs.getFirst();
        var g = e.graph();
        String y = e.emitSingle(b.conv1(), Emission.child(path, "conv1"), x);
        y = e.emitSingle(b.bn1(), Emission.child(path, "bn1"), y);
        y = g.node("Relu", Emission.child(path, "relu1"), List.of(y));
        y = e.emitSingle(b.conv2(), Emission.child(path, "conv2"), y);
        y = e.emitSingle(b.bn2(), Emission.child(path, "bn2"), y);
        y = g.node("Relu", Emission.child(path, "relu2"), List.of(y));
        y = e.emitSingle(b.conv3(), Emission.child(path, "conv3"), y);
        y = e.emitSingle(b.bn3(), Emission.child(path, "bn3"), y);
        String shortcut = b.downsample().isPresent()
                ? e.emitSingle(b.downsample().get(), Emission.child(path, "downsample"), x) : x;
        String sum = g.node("Add", Emission.child(path, "add"), List.of(y, shortcut));
        return List.of(g.node("Relu", path, List.of(sum)));
    }
}
