package io.adaptseg.export.emit;

import io.adaptseg.train.model.blocks.DeepLabV2Net;
import java.util.ArrayList;
import java.util.List;

/** {@link DeepLabV2Net} → the trunk, then each head's ASPP classifier on its tapped layer; one output per head. */
public final class DeepLabV2Emitter implements BlockEmitter<DeepLabV2Net> {
    @Override
    public List<String> emit(DeepLabV2Net net, String path, List<String> inputs, Emission e) throws UnsupportedBlockException {
        List<String> layers = Trunks.emit(net.trunk(), path, inputs.getFirst(), e);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < net.heads().size(); i++) {
            DeepLabV2Net.Head head = net.heads().get(i);
            out.add(e.emitChild(net.classifiers().get(i), path, head.module(), layers.get(head.tapLayer() - 1)));
        }
        return out;
    }
}
