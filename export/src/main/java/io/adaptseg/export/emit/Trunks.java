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
        String y = e.emitChild(trunk.conv1(), path, "conv1", image);
        y = e.emitChild(trunk.bn1(), path, "bn1", y);
        y = e.emitChild(trunk.relu(), path, "relu", y);
        y = e.emitChild(trunk.maxpool(), path, "maxpool", y);
        List<String> layers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            y = e.emitChild(trunk.layers().get(i), path, "layer" + (i + 1), y);
            layers.add(y);
        }
        return layers;
    }
}
