package io.adaptseg.export.emit;

import io.adaptseg.train.model.blocks.DeepLabV3PlusNet;
import java.util.List;

/** {@link DeepLabV3PlusNet} → trunk, ASPP on layer4, decoder on (layer1, ASPP); outputs {@code [main, features]}. */
public final class DeepLabV3PlusEmitter implements BlockEmitter<DeepLabV3PlusNet> {
    @Override
    public List<String> emit(DeepLabV3PlusNet net, String path, List<String> inputs, Emission e)
            throws UnsupportedBlockException {
        List<String> layers = Trunks.emit(net.trunk(), path, inputs.getFirst(), e);
        String high = e.emitChild(net.aspp(), path, "aspp", layers.get(3));
        return e.emit(net.decoder(), Emission.child(path, "decoder"), List.of(layers.get(0), high));
    }
}
