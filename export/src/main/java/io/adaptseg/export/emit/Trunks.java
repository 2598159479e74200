package io.adaptseg.export.emit;

import io.adaptseg.train.model.blocks.ResNetTrunk;
import java.util.ArrayList;
import java.util.List;

/** The ResNet trunk shared by both network roots: stem, then layer1 … layer4 (it is a record, not a block). */
final class Trunks {
    private Trunks() {
    }

    /** Emits the trunk under the root's child names and returns the outputs of layer1 … layer4. */
    static List<String> emit(ResNetTrunk trunk, String path, String image, Emission e) throws UnsupportedBlockException {
        String y = e.emitSingle(trunk.conv1(), Emission.child(path, "conv1"), image);
        y = e.emitSingle(trunk.bn1(), Emission.child(path, "bn1"), y);
        y = e.emitSingle(trunk.relu(), Emission.child(path, "relu"), y);
        y = e.emitSingle(trunk.maxpool(), Emission.child(path, "maxpool"), y);
        List<String> layers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            y = e.emitSingle(trunk.layers().get(i), Emission.child(path, "layer" + (i + 1)), y);
            layers.add(y);
        }
        return layers;
    }
}
