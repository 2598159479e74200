package io.adaptseg.export.emit;

import io.adaptseg.export.onnx.ShapeOps;
import io.adaptseg.train.model.blocks.ImagePooling;
import java.util.List;

/**
 * {@link ImagePooling} → {@code GlobalAveragePool → Conv → BatchNormalization → Relu → Expand} to the
 * input's H×W (the broadcast the block computes, equal to a bilinear resize of a 1×1 map).
 */
public final class ImagePoolingEmitter implements BlockEmitter<ImagePooling> {
    @Override
    public List<String> emit(ImagePooling pool, String path, List<String> inputs, Emission e) throws UnsupportedBlockException {
        String x = inputs.getFirst();
        var g = e.graph();
        String y = g.node("GlobalAveragePool", Emission.child(path, "pool"), List.of(x));
        y = e.emitChild(pool.conv(), path, "conv", y);
        y = e.emitChild(pool.bn(), path, "bn", y);
        y = g.node("Relu", Emission.child(path, "relu"), List.of(y));
        String target = ShapeOps.broadcastTarget(g, Emission.child(path, "expand"), x);
        return List.of(g.node("Expand", path, List.of(y, target)));
    }
}
