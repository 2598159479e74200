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
        return predict(input, shape, shape[2], shape[3]);
    }

    /**
     * Logits [N,C,h,w] and labels [N,outH,outW]: the evaluation convention, where logits of the
     * network-size input are upsampled to the ground truth's size before the argmax.
     */
    Prediction predict(float[] input, long[] shape, long outH, long outW) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray image = scope.create(input, new Shape(shape));
            NDList out = segmenter.forward(new ParameterStore(scope, false), image, false);
            NDArray logits = segmenter.logits(out, heads.getFirst());
            for (int i = 1; i < heads.size(); i++) {
                logits = logits.add(segmenter.logits(out, heads.get(i)));
            }
            return new Prediction(logits.toFloatArray(), logits.getShape().getShape(), upsampleArgmax(logits, outH, outW));
        }
    }

    /** DJL's post-processing applied to another side's logits [N,C,h,w]: labels [N,outH,outW]. */
    int[] upsampleArgmax(float[] logits, long[] shape, long outH, long outW) {
        try (NDManager scope = manager.newSubManager()) {
            return upsampleArgmax(scope.create(logits, new Shape(shape)), outH, outW);
        }
    }

    private static int[] upsampleArgmax(NDArray logits, long outH, long outW) {
        NDArray up = BilinearUpsample.halfPixel(logits, outH, outW);
        return up.argMax(1).toType(DataType.INT32, false).toIntArray();
    }
}
