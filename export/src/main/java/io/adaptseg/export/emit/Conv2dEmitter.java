package io.adaptseg.export.emit;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import io.adaptseg.export.onnx.Attributes;
import java.util.ArrayList;
import java.util.List;

/** DJL {@link Conv2d} → ONNX {@code Conv} with its kernel, strides, symmetric pads, dilations and groups. */
public final class Conv2dEmitter implements BlockEmitter<Conv2d> {
    @Override
    public List<String> emit(Conv2d conv, String path, List<String> inputs, Emission e) throws UnsupportedBlockException {
        List<String> in = new ArrayList<>(List.of(inputs.getFirst(), e.parameter(conv, path, "weight")));
        if (conv.isIncludeBias()) {
            in.add(e.parameter(conv, path, "bias"));
        }
        Shape k = conv.getKernelShape();
        Shape s = conv.getStride();
        Shape p = conv.getPadding();
        Shape d = conv.getDilation();
        return List.of(e.graph().node("Conv", path, in,
                Attributes.ints("kernel_shape", k.get(0), k.get(1)),
                Attributes.ints("strides", s.get(0), s.get(1)),
                // DJL pads both sides of each axis by the same amount: ONNX wants begin..., end...
                Attributes.ints("pads", p.get(0), p.get(1), p.get(0), p.get(1)),
                Attributes.ints("dilations", d.get(0), d.get(1)),
                Attributes.integer("group", conv.getGroups())));
    }
}
