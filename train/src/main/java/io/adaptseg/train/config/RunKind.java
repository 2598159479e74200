package io.adaptseg.train.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a config trains, read from its {@code method}: a segmenter with an adaptation method (every name
 * the method registry knows), or the style translator's networks, which the same command trains with
 * their own run ({@code adain}: the translator; {@code vgg-pretrain}: its encoder, as a source
 * segmenter). The one place that tells them apart, for the command line, the method registry and the
 * checkpoint readers alike.
 */
public enum RunKind {
    /** A segmenter trained by a segmentation method ({@code source-only}, {@code advnet}, ...). */
    SEGMENTER(Optional.empty()),
    /** {@code method: adain}: the AdaIN style translator's decoder. */
    STYLE_TRANSLATOR(Optional.of("adain")),
    /** {@code method: vgg-pretrain}: the translator's VGG encoder, pretrained as a segmenter of the source. */
    ENCODER_PRETRAINING(Optional.of("vgg-pretrain"));

    private final Optional<String> method;

    RunKind(Optional<String> method) {
        this.method = method;
    }

    /** The kind of run that {@code method} names. */
    public static RunKind of(String method) {
        return Arrays.stream(values()).filter(k -> k.method.isPresent() && k.method.get().equals(method)).findFirst()
                .orElse(SEGMENTER);
    }

    /** The method name of a translator-side kind; a segmenter's method is any registered name. */
    public String method() {
        return method.orElseThrow(() -> new IllegalStateException("a segmenter run's method is the config's own"));
    }

    /** Whether the run trains the style translator's networks (its own run) rather than a segmenter. */
    public boolean trainsTranslator() {
        return this != SEGMENTER;
    }
}
