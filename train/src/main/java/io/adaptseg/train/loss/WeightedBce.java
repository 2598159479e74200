package io.adaptseg.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.adaptseg.train.nd.Scalars;

/**
 * CLAN's adaptive adversarial loss ({@code WeightedBCEWithLogitsLoss}): per element
 * {@code b = BCE-with-logits(x, t)}, then {@code mean(epsilon * b + lambdaLocal * b * M)} with the
 * weight map M broadcast over the discriminator output. Without a weight map CLAN uses the plain
 * {@link GanLoss#VANILLA} (its preheat phase).
 */
public final class WeightedBce {
    /** CLAN's epsilon. */
    public static final double REFERENCE_EPSILON = 0.4;

    private WeightedBce() {
    }

    /**
     * @param logits discriminator output (N, 1, H, W), upsampled to the weight map's size
     * @param label the constant domain label (source 0, target 1)
     * @param weight (N, 1, H, W) weight map
     */
    public static NDArray compute(NDArray logits, float label, NDArray weight, double epsilon, double lambdaLocal) {
        if (!logits.getShape().equals(weight.getShape())) {
            throw new IllegalArgumentException("weighted BCE needs the discriminator output and the weight map at one"
                    + " shape, found " + logits.getShape() + " and " + weight.getShape());
        }
        NDArray bce = Activation.relu(logits).sub(Scalars.times(logits, label)).add(Activation.softPlus(logits.abs().neg()));
        return Scalars.times(bce, epsilon).add(Scalars.times(bce.mul(weight), lambdaLocal)).mean();
    }
}
