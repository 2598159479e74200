package io.adaptseg.export.parity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.adaptseg.core.resample.Convention;
import io.adaptseg.core.resample.Resampler;
import io.adaptseg.train.model.Segmenter;
import java.util.List;

/**
 * The trained network on DJL's PyTorch engine, in inference mode: the selected heads summed (as the
 * exporter does), then the label rule every side shares ({@link Resampler}: bilinear upsampling in
 * the model's convention, argmax), the same rule as the graph's own {@code labels} output.
 */
final class DjlSide {
    private final Segmenter segmenter;
    private final List<String> heads;
    private final NDManager manager;
    private final Convention upsampling;

    /** @param upsampling the logits upsampling convention the model declares (its metadata) */
    DjlSide(Segmenter segmenter, List<String> heads, NDManager manager, Convention upsampling) {
        this.segmenter = segmenter;
        this.heads = heads;
        this.manager = manager;
        this.upsampling = upsampling;
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
            NDArray logits = segmenter.summedLogits(out, heads);
            float[] values = logits.toFloatArray();
            long[] logitsShape = logits.getShape().getShape();
            return new Prediction(values, logitsShape, upsampleArgmax(values, logitsShape, outH, outW));
        }
    }

    /**
     * The shared post-processing ({@link Resampler}, as the edge runtime) applied to logits [N,C,h,w]:
     * labels [N,outH,outW].
     */
    int[] upsampleArgmax(float[] logits, long[] shape, long outH, long outW) {
        int n = Math.toIntExact(shape[0]);
        int c = Math.toIntExact(shape[1]);
        int h = Math.toIntExact(shape[2]);
        int w = Math.toIntExact(shape[3]);
        int size = Math.toIntExact(outH * outW);
        int[] labels = new int[n * size];
        for (int i = 0; i < n; i++) {
            int[] one = Resampler.resizeArgmax(logits, i * c * h * w, c, h, w, (int) outH, (int) outW, upsampling);
            System.arraycopy(one, 0, labels, i * size, size);
        }
        return labels;
    }
}
