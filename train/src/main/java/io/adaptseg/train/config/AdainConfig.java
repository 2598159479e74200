package io.adaptseg.train.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The AdaIN style translator's keys, named as the reference's options ({@code train.py}, {@code test.py}
 * of naoto0804/pytorch-AdaIN): {@code alpha} (the stylisation strength in [0, 1]: features
 * {@code alpha * adain + (1 - alpha) * content}), {@code style-weight}, {@code content-weight},
 * {@code lr} with the inverse-time {@code lr-decay}, {@code max-iter} (the run's length; the
 * segmenters' {@code num-steps}, {@code num-steps-stop} and {@code learning-rate} do not apply), and
 * {@code vgg}, the VGG-19 weights of the fixed encoder (empty: random, colour statistics only).
 * For the segmentation methods, {@code joint-translator} (an adain checkpoint; empty: off) trains that
 * translator's decoder jointly with the segmenter, source images translated at {@code joint-alpha}; with
 * {@code joint-adain-weight} above 0 (the default 1) the decoder also keeps its own AdaIN loss at that weight
 * ({@code JointTranslation}, docs/style-transfer.md).
 */
public record AdainConfig(
        @JsonProperty("alpha") double alpha,
        @JsonProperty("style-weight") double styleWeight,
        @JsonProperty("content-weight") double contentWeight,
        @JsonProperty("lr") double lr,
        @JsonProperty("lr-decay") double lrDecay,
        @JsonProperty("max-iter") long maxIter,
        @JsonProperty("vgg") Optional<Path> vgg,
        @JsonProperty("joint-translator") Optional<Path> jointTranslator,
        @JsonProperty("joint-alpha") double jointAlpha,
        @JsonProperty("joint-adain-weight") double jointAdainWeight) {
    public AdainConfig {
        if (!(Check.finite("alpha", alpha) >= 0 && alpha <= 1)) {
            throw new ConfigValueException("alpha", "a number in [0, 1]", alpha);
        }
        Check.nonNegative("style-weight", styleWeight);
        Check.nonNegative("content-weight", contentWeight);
        Check.nonNegative("lr", lr);
        Check.nonNegative("lr-decay", lrDecay);
        Check.positive("max-iter", maxIter);
        if (!(Check.finite("joint-alpha", jointAlpha) >= 0 && jointAlpha <= 1)) {
            throw new ConfigValueException("joint-alpha", "a number in [0, 1]", jointAlpha);
        }
        Check.nonNegative("joint-adain-weight", jointAdainWeight);
    }

    /** This config with {@code alpha} set: a jointly trained decoder's default strength is its {@code joint-alpha}. */
    public AdainConfig withAlpha(double a) {
        return new AdainConfig(a, styleWeight, contentWeight, lr, lrDecay, maxIter, vgg, jointTranslator, jointAlpha,
                jointAdainWeight);
    }

    public AdainConfig withMaxIter(long iterations) {
        return new AdainConfig(alpha, styleWeight, contentWeight, lr, lrDecay, iterations, vgg, jointTranslator, jointAlpha,
                jointAdainWeight);
    }

    public AdainConfig withVgg(Optional<Path> weights) {
        return new AdainConfig(alpha, styleWeight, contentWeight, lr, lrDecay, maxIter, weights, jointTranslator, jointAlpha,
                jointAdainWeight);
    }

    public AdainConfig withJointTranslator(Optional<Path> checkpoint) {
        return new AdainConfig(alpha, styleWeight, contentWeight, lr, lrDecay, maxIter, vgg, checkpoint, jointAlpha,
                jointAdainWeight);
    }
}
