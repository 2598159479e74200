package io.adaptseg.export.emit;

import io.adaptseg.export.onnx.Attributes;
import io.adaptseg.train.model.blocks.MaxPool;
import java.util.List;

/** {@link MaxPool} → {@code MaxPool(kernel_shape, strides, pads, ceil_mode)}. */
public final class MaxPoolEmitter implements BlockEmitter<MaxPool> {
    @Override
    public List<String> emit(MaxPool pool, String path, List<String> inputs, Emission e) {
        int k = pool.kernel();
        int s = pool.stride();
        int p = pool.padding();
        return List.of(e.graph().node("MaxPool", path, List.of(inputs.getFirst()),
                Attributes.ints("kernel_shape", k, k), Attributes.ints("strides", s, s),
                Attributes.ints("pads", p, p, p, p), Attributes.integer("ceil_mode", pool.ceilMode() ? 1 : 0)));
    }
}
