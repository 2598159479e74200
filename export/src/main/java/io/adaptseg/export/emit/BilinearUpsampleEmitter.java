package io.adaptseg.export.emit;

import io.adaptseg.export.onnx.Attributes;
import io.adaptseg.export.onnx.ShapeOps;
import io.adaptseg.train.model.blocks.BilinearUpsample;
import java.util.List;

/**
 * {@link BilinearUpsample} with inputs {@code [x, reference]} → {@code Resize(mode=linear)} to the
 * reference's H×W, with {@code half_pixel} or {@code align_corners} coordinates as the block says.
 */
public final class BilinearUpsampleEmitter implements BlockEmitter<BilinearUpsample> {
    @Override
    public List<String> emit(BilinearUpsample up, String path, List<String> inputs, Emission e) throws UnsupportedBlockException {
        Emission.requireInputs(up, path, inputs, "x", "reference");
        var g = e.graph();
        String size = ShapeOps.resizeTarget(g, path, inputs.get(0), inputs.get(1));
        return List.of(g.node("Resize", path, List.of(inputs.get(0), "", "", size),
                Attributes.string("mode", "linear"),
                Attributes.string("coordinate_transformation_mode", up.alignCorners() ? "align_corners" : "half_pixel")));
    }
}
