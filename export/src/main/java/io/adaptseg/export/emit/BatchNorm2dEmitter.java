package io.adaptseg.export.emit;

import io.adaptseg.export.onnx.Attributes;
import io.adaptseg.train.model.blocks.BatchNorm2d;
import java.util.List;

/** {@link BatchNorm2d} → inference-form {@code BatchNormalization} with the running statistics and its epsilon. */
public final class BatchNorm2dEmitter implements BlockEmitter<BatchNorm2d> {
    @Override
    public List<String> emit(BatchNorm2d bn, String path, List<String> inputs, Emission e) throws UnsupportedBlockException {
        return List.of(e.graph().node("BatchNormalization", path, List.of(inputs.getFirst(),
                        e.parameter(bn, path, "weight"), e.parameter(bn, path, "bias"),
                        e.parameter(bn, path, "running_mean"), e.parameter(bn, path, "running_var")),
                Attributes.floating("epsilon", bn.epsilon())));
    }
}
