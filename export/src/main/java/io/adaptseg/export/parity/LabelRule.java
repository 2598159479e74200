package io.adaptseg.export.parity;

import io.adaptseg.core.resample.Convention;
import io.adaptseg.core.resample.Resampler;

/**
 * The label rule every side of a parity run shares ({@link Resampler}: bilinear upsampling in the model's
 * convention, then argmax), the rule the graph's own {@code labels} output and the edge runtime follow.
 */
final class LabelRule {
    private LabelRule() {
    }

    /** Labels [N,outH,outW] of logits [N,C,h,w]. */
    static int[] upsampleArgmax(float[] logits, long[] shape, long outH, long outW, Convention upsampling) {
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
