package io.adaptseg.export.emit;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import java.util.List;

/** DJL {@link SequentialBlock}: its children one after another, each fed the previous one's outputs. */
public final class SequentialEmitter implements BlockEmitter<SequentialBlock> {
    @Override
    public List<String> emit(SequentialBlock block, String path, List<String> inputs, Emission e)
            throws UnsupportedBlockException {
        if (block.isReturnIntermediate()) {
            throw new UnsupportedBlockException(Emission.describe(block, path)
                    + " returns intermediate outputs, which the exporter does not support");
        }
        List<String> current = inputs;
        for (Pair<String, Block> child : block.getChildren()) {
            current = e.emit(child.getValue(), Emission.child(path, childName(child.getKey())), current);
        }
        return current;
    }

    /** DJL prefixes sequential children with a two-digit index ("01Conv2d"); PyTorch names them 0, 1, ... */
    static String childName(String djlName) {
        int digits = 0;
        while (digits < djlName.length() && Character.isDigit(djlName.charAt(digits))) {
            digits++;
        }
        return digits > 0 && digits < djlName.length() ? Integer.toString(Integer.parseInt(djlName.substring(0, digits)) - 1)
                : djlName;
    }
}
