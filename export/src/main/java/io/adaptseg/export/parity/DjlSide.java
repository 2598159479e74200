package io.adaptseg.export.parity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.model.blocks.BilinearUpsample;
import java.util.List;

/**
 * The trained network on DJL's PyTorch engine, in inference mode: the selected heads summed (as the
 * exporter does), then the same label rule as the graph (half-pixel bilinear upsampling, argmax).
 */
final class DjlSide {
    private final Segmenter segmenter;
    private final List<String> heads;
    private final NDManager manager;

    DjlSide(Segmenter segmenter, List<String> heads, NDManager manager) {
        this.segmenter = segmenter;
        this.heads = heads;
        this.manager = manager;
    }

    /** Logits [N,C,h,w] and labels [N,H,W] for a float32 NCHW batch. */
    Prediction predict(float[] input, long[] shape) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray image = scope.create(input, new Shape(shape));
            NDList out = segmenter.forward(new ParameterStore(scope, false), image, false);
            NDArray logits = segmenter.logits(out, heads.getFirst());
            for (int i = 1; i < heads.size(); i++) {
                logits = logits.add(segmenter.logits(out, heads.get(i)));
            }
            NDArray up = BilinearUpsample.halfPixel(logits, shape[2], shape[3]);
            NDArray labels = up.argMax(1).toType(DataType.INT32, false);
            return new Prediction(logits.toFloatArray(), logits.getShape().getShape(), labels.toIntArray());
        }
    }
}
