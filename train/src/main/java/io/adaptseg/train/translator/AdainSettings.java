package io.adaptseg.train.translator;

/**
 * The translator's training hyper-parameters: the blend {@code alpha} in [0, 1] and the loss weights.
 * Adam uses PyTorch's defaults (betas 0.9/0.999, eps 1e-8, no weight decay) as the reference's
 * {@code torch.optim.Adam(decoder.parameters(), lr=args.lr)}.
 */
public record AdainSettings(double alpha, double styleWeight, double contentWeight) {
    public AdainSettings {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], found " + alpha);
        }
        if (!(styleWeight >= 0) || !(contentWeight >= 0) || Double.isInfinite(styleWeight) || Double.isInfinite(contentWeight)) {
            throw new IllegalArgumentException("style-weight and content-weight must be finite and >= 0, found "
                    + styleWeight + ", " + contentWeight);
        }
    }
}
