package io.adaptseg.train.translator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.adaptseg.train.nd.Scalars;

/**
 * The AdaIN maths of the reference ({@code function.py} and {@code net.py} of naoto0804/pytorch-AdaIN):
 * per-sample, per-channel mean and standard deviation over H×W, the standard deviation from the
 * unbiased variance plus {@link #EPS} ({@code calc_mean_std}); AdaIN, which gives the content features
 * the style features' statistics; the alpha blend; and the content and style losses.
 */
public final class AdainOps {
    /** Added to the variance before the square root, as {@code calc_mean_std(feat, eps=1e-5)}. */
    public static final double EPS = 1e-5;

    private AdainOps() {
    }

    /**
     * Mean and standard deviation of (N, C, H, W) features per sample and channel, each (N, C, 1, 1):
     * {@code std = sqrt(var_unbiased + eps)}. Needs H·W ≥ 2.
     */
    public static NDArray[] meanStd(NDArray features) {
        long n = features.getShape().get(0);
        long c = features.getShape().get(1);
        long hw = features.getShape().get(2) * features.getShape().get(3);
        if (hw < 2) {
            throw new IllegalArgumentException("feature statistics need at least 2 pixels, found " + features.getShape());
        }
        NDArray flat = features.reshape(n, c, hw);
        NDArray mean = flat.mean(new int[] {2}, true);
        NDArray var = Scalars.over(flat.sub(mean).square().sum(new int[] {2}, true), hw - 1).add(EPS);
        return new NDArray[] {mean.reshape(n, c, 1, 1), var.sqrt().reshape(n, c, 1, 1)};
    }

    /** {@code (content - mean_c) / std_c * std_s + mean_s}: the content features with the style's statistics. */
    public static NDArray adain(NDArray content, NDArray style) {
        if (content.getShape().get(0) != style.getShape().get(0) || content.getShape().get(1) != style.getShape().get(1)) {
            throw new IllegalArgumentException("content and style features must agree in N and C, found "
                    + content.getShape() + " and " + style.getShape());
        }
        NDArray[] c = meanStd(content);
        NDArray[] s = meanStd(style);
        return content.sub(c[0]).div(c[1]).mul(s[1]).add(s[0]);
    }

    /**
     * {@code alpha * t + (1 - alpha) * content}: the reference's {@code style_transfer} blend. A weighted
     * mean, never a sum, so alpha = 1 is pure AdaIN and alpha = 0 gives the content features back.
     */
    public static NDArray blend(NDArray t, NDArray content, double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], found " + alpha);
        }
        if (alpha == 1.0) {
            return t;
        }
        return Scalars.times(t, alpha).add(Scalars.times(content, 1.0 - alpha));
    }

    /** Mean squared error over all elements ({@code nn.MSELoss()}). */
    public static NDArray mse(NDArray a, NDArray b) {
        return a.sub(b).square().mean();
    }

    /** The content loss: MSE between the re-encoded output's relu4_1 and the AdaIN target. */
    public static NDArray contentLoss(NDArray outputRelu41, NDArray target) {
        return mse(outputRelu41, target);
    }

    /**
     * The style loss: over relu1_1 … relu4_1, the MSE of the per-channel means plus the MSE of the
     * per-channel standard deviations of the re-encoded output against the style image's.
     */
    public static NDArray styleLoss(NDList outputFeatures, NDList styleFeatures) {
        if (outputFeatures.size() != styleFeatures.size()) {
            throw new IllegalArgumentException("need the same layers, found " + outputFeatures.size() + " and "
                    + styleFeatures.size());
        }
        NDArray total = null;
        for (int i = 0; i < outputFeatures.size(); i++) {
            NDArray[] g = meanStd(outputFeatures.get(i));
            NDArray[] s = meanStd(styleFeatures.get(i));
            NDArray layer = mse(g[0], s[0]).add(mse(g[1], s[1]));
            total = total == null ? layer : total.add(layer);
        }
        return total;
    }
}
