package io.adaptseg.export.int8;

/**
 * Symmetric per-output-channel int8 quantisation of convolution weights and the matching int32 bias.
 * Channel {@code c} (axis 0 of the OIHW weight) gets {@code scale[c] = max|w_c| / 127} and zero point
 * 0, so {@code q = clamp(round(w / scale[c]), -127, 127)} (round half to even, as ONNX rounds); a
 * channel of zeros gets scale 1. The bias is added to the int32 accumulator of input × weight, so its
 * scale is {@code inputScale * scale[c]}.
 */
public final class WeightQuantizer {
    private WeightQuantizer() {
    }

    /** Quantised weights: {@code q} in the weight's own layout, one scale per output channel. */
    public record PerChannel(byte[] q, float[] scales) {
    }

    /**
     * Quantises an OIHW (or any axis-0-major) weight of {@code outChannels} channels.
     *
     * @throws IllegalArgumentException when the values do not split evenly into the channels or one is
     *     not finite
     */
    public static PerChannel weights(float[] w, int outChannels) {
        if (outChannels <= 0 || w.length % outChannels != 0) {
            throw new IllegalArgumentException(w.length + " weights do not split into " + outChannels + " channels");
        }
        int per = w.length / outChannels;
        byte[] q = new byte[w.length];
        float[] scales = new float[outChannels];
        for (int c = 0; c < outChannels; c++) {
            float largest = 0;
            for (int i = c * per; i < (c + 1) * per; i++) {
                if (!Float.isFinite(w[i])) {
                    throw new IllegalArgumentException("weight " + i + " of channel " + c + " is " + w[i]);
                }
                largest = Math.max(largest, Math.abs(w[i]));
            }
            float scale = largest == 0 ? 1 : largest / 127;
            scales[c] = scale;
            for (int i = c * per; i < (c + 1) * per; i++) {
                q[i] = (byte) Math.max(-127, Math.min(127, Math.rint(w[i] / scale)));
            }
        }
        return new PerChannel(q, scales);
    }

    /** The scales of the int32 bias: {@code inputScale * weightScale[c]}, rounded to float as stored. */
    public static float[] biasScales(float inputScale, float[] weightScales) {
        float[] out = new float[weightScales.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = inputScale * weightScales[c];
        }
        return out;
    }

    /** The int32 bias: {@code round(b[c] / biasScale[c])}, saturated to the int32 range. */
    public static int[] bias(float[] b, float[] biasScales) {
        if (b.length != biasScales.length) {
            throw new IllegalArgumentException(b.length + " biases for " + biasScales.length + " channels");
        }
        int[] q = new int[b.length];
        for (int c = 0; c < b.length; c++) {
            double v = Math.rint(b[c] / (double) biasScales[c]);
            q[c] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
        }
        return q;
    }
}
