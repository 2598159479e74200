package io.adaptseg.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.adaptseg.train.nd.Scalars;

/**
 * The maximum squares loss of MaxSquare (Chen et al. 2019) on target softmax maps, plain and with
 * image-wise class-balanced weights (IW). Both are negative: minimising them sharpens predictions,
 * with a gradient that, unlike entropy, does not let easy (confident) pixels dominate.
 */
public final class MaxSquare {
    /** MaxSquare's alpha of the image-wise weights ({@code --IW_ratio}, default 0.2 in {@code tools/solve_gta5.py}). */
    public static final double REFERENCE_ALPHA = 0.2;

    private MaxSquare() {
    }

    /** MS: {@code -mean(p^2) / 2} over every entry of the (N, C, H, W) softmax {@code prob}. */
    public static NDArray plain(NDArray prob) {
        return Scalars.over(prob.square().mean(), -2);
    }

    /**
     * IW-MS: {@code -sum(p^2 * w) / (N * C)} where every pixel takes the weight of its argmax class,
     * {@link #imageWeights} of its own image. The weights are constants (no gradient).
     */
    public static NDArray imageWise(NDArray prob, double alpha) {
        Shape s = prob.getShape();
        int n = (int) s.get(0);
        int c = (int) s.get(1);
        int pixels = (int) (s.get(2) * s.get(3));
        long[] argmax = prob.argMax(1).toLongArray();
        float[] perPixel = new float[argmax.length];
        for (int b = 0; b < n; b++) {
            long[] hist = new long[c];
            for (int i = 0; i < pixels; i++) {
                hist[(int) argmax[b * pixels + i]]++;
            }
            double[] w = imageWeights(hist, alpha);
            for (int i = 0; i < pixels; i++) {
                perPixel[b * pixels + i] = (float) w[(int) argmax[b * pixels + i]];
            }
        }
        NDArray weights = prob.getManager().create(perPixel, new Shape(n, 1, s.get(2), s.get(3)));
        return Scalars.over(prob.square().mul(weights).sum(), -(n * c));
    }

    /**
     * The weight of each class in one image: {@code w_c = 1 / max(N_c^alpha * N^(1-alpha), 1)} with
     * N_c the pixels predicted as c and N all pixels. A class never predicted gets a weight too, but
     * no pixel uses it.
     */
    public static double[] imageWeights(long[] histogram, double alpha) {
        long total = 0;
        for (long h : histogram) {
            total += h;
        }
        double[] w = new double[histogram.length];
        for (int k = 0; k < w.length; k++) {
            double denominator = Math.pow(histogram[k], alpha) * Math.pow(total, 1 - alpha);
            w[k] = 1 / Math.max(denominator, 1);
        }
        return w;
    }
}
