package io.adaptseg.train.config;

import java.util.Locale;

/**
 * What flip evaluation ({@code eval-flip}) averages over an image and its mirror image
 * ({@code eval-flip-average}): the logits at the network's stride, or, as MaxSquare's
 * {@code tools/evaluate.py:124-138}, the softmax probabilities after upsampling to the label size.
 * Both are mirror-symmetric; they differ where the two views disagree, since the softmax bounds each
 * view's vote.
 */
public enum FlipAverage {
    LOGITS,
    SOFTMAX;

    /** The config spelling: logits, softmax. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
