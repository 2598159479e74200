package io.adaptseg.export.emit;

import io.adaptseg.train.model.blocks.Bottleneck;
import java.util.List;

/** {@link Bottleneck} → three Conv-BN(-Relu) stages, the shortcut, {@code Add}, {@code Relu}. */
public final class BottleneckEmitter implements BlockEmitter<Bottleneck> {
    @Override
    public List<String> emit(Bottleneck b, String path, List<String> inputs, Emission e) throws UnsupportedBlockException {
        String x = inputs.getFirst();
        var g = e.graph();
        String y = e.emitChild(b.conv1(), path, "conv1", x);
        y = e.emitChild(b.bn1(), path, "bn1", y);
        y = g.node("Relu", Emission.child(path, "relu1"), List.of(y));
        y = e.emitChild(b.conv2(), path, "conv2", y);
        y = e.emitChild(b.bn2(), path, "bn2", y);
        y = g.node("Relu", Emission.child(path, "relu2"), List.of(y));
        y = e.emitChild(b.conv3(), path, "conv3", y);
        y = e.emitChild(b.bn3(), path, "bn3", y);
        String shortcut = b.downsample().isPresent()
                ? e.emitChild(b.downsample().get(), path, "downsample", x) : x;
        String sum = g.node("Add", Emission.child(path, "add"), List.of(y, shortcut));
        return List.of(g.node("Relu", path, List.of(sum)));
    }
}
