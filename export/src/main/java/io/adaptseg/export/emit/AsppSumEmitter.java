package io.adaptseg.export.emit;

import ai.djl.nn.convolutional.Conv2d;
import io.adaptseg.train.model.blocks.AsppSum;
import java.util.List;

/**
 * {@link AsppSum} → one {@code Conv} per summed branch on the same input, summed by a chain of
 * {@code Add}s. Branches the network does not sum (AdaptSegNet's two-branch forward) are not written:
 * the ONNX graph computes exactly the DJL forward.
 */
public final class AsppSumEmitter implements BlockEmitter<AsppSum> {
    @Override
    public List<String> emit(AsppSum aspp, String path, List<String> inputs, Emission e) throws UnsupportedBlockException {
        List<Conv2d> convs = aspp.convs();
        String sum = e.emitChild(convs.getFirst(), path, "conv2d_list.0", inputs.getFirst());
        for (int i = 1; i < aspp.summedBranches(); i++) {
            String branch = e.emitChild(convs.get(i), path, "conv2d_list." + i, inputs.getFirst());
            sum = e.graph().node("Add", Emission.child(path, "sum" + i), List.of(sum, branch));
        }
        return List.of(sum);
    }
}
