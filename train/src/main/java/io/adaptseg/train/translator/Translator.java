package io.adaptseg.train.translator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.adaptseg.core.model.Normalization;
import io.adaptseg.train.nd.Scalars;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The style translator: the fixed {@link VggEncoder}, AdaIN with the alpha blend, and the
 * {@link AdainDecoder}. Images go in as RGB in [0, 1] ({@link #NORMALIZATION}, the reference's
 * {@code ToTensor}); the decoder's output is on the same scale and unbounded, so whoever saves it
 * clamps ({@link TranslatedImages}). Sizes that are not multiples of {@link #STRIDE} come out rounded
 * up to one (the ceil-mode pools), as in the reference.
 */
public final class Translator {
    /** How images become inputs: RGB, divided by 255. */
    public static final Normalization NORMALIZATION = Normalization.RGB_UNIT;
    /** The architecture name configs give as {@code model} for {@code method: adain}. */
    public static final String ARCHITECTURE = "adain-vgg19";
    /** The encoder's total downsampling. */
    public static final int STRIDE = 8;
    /** Checkpoint names of the two networks. */
    public static final String ENCODER = "encoder";
    public static final String DECODER = "decoder";

    private final ConvStack encoder;
    private final ConvStack decoder;

    private Translator(ConvStack encoder, ConvStack decoder) {
        this.encoder = encoder;
        this.decoder = decoder;
    }

    /** A new translator, randomly initialised under {@code manager}; the encoder's parameters are frozen. */
    public static Translator create(NDManager manager) {
        ConvStack encoder = VggEncoder.create();
        ConvStack decoder = AdainDecoder.create();
        encoder.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 16, 16));
        decoder.initialize(manager, DataType.FLOAT32, new Shape(1, VggEncoder.FEATURES, 2, 2));
        encoder.freezeParameters(true);
        return new Translator(encoder, decoder);
    }

    public ConvStack encoder() {
        return encoder;
    }

    public ConvStack decoder() {
        return decoder;
    }

    /** Both networks by checkpoint name. */
    public Map<String, Block> networks() {
        Map<String, Block> m = new LinkedHashMap<>();
        m.put(ENCODER, encoder);
        m.put(DECODER, decoder);
        return m;
    }

    /** relu1_1 … relu4_1 of {@code images}. */
    public NDList encode(ParameterStore ps, NDArray images, boolean training) {
        return encoder.forward(ps, new NDList(images), training);
    }

    /** The decoder's image for {@code features} (relu4_1-shaped). */
    public NDArray decode(ParameterStore ps, NDArray features, boolean training) {
        return decoder.forward(ps, new NDList(features), training).singletonOrThrow();
    }

    /** The reference's two training losses, each already multiplied by its weight. */
    public record Losses(NDArray content, NDArray style) {
    }

    /**
     * The reference's training losses ({@code Net.forward}) for content and style images in [0, 1]: the
     * blended AdaIN target t at relu4_1 (no gradient), the decoder's g(t) encoded again, content-weight ·
     * MSE(relu4_1(g(t)), t) and style-weight · the style loss against the style images' relu1_1…relu4_1.
     * Differentiable in the decoder's parameters inside a gradient collector.
     */
    public Losses losses(ParameterStore ps, NDArray content, NDArray style, AdainSettings settings, boolean training) {
        NDList styleFeatures = new NDList();
        for (NDArray f : encode(ps, style, training)) {
            styleFeatures.add(f.stopGradient());
        }
        NDArray c = encode(ps, content, training).get(3);
        NDArray t = target(c, styleFeatures.get(3), settings.alpha()).stopGradient();
        NDList again = encode(ps, decode(ps, t, training), training);
        return new Losses(Scalars.times(AdainOps.contentLoss(again.get(3), t), settings.contentWeight()),
                Scalars.times(AdainOps.styleLoss(again, styleFeatures), settings.styleWeight()));
    }

    /** The blended AdaIN target of {@link AdainOps}: {@code alpha * adain(c, s) + (1 - alpha) * c} at relu4_1. */
    public static NDArray target(NDArray contentRelu41, NDArray styleRelu41, double alpha) {
        return AdainOps.blend(AdainOps.adain(contentRelu41, styleRelu41), contentRelu41, alpha);
    }

    /**
     * The translated images (N, 3, H', W'), unclamped, for content and style images (N, 3, ·, ·) in
     * [0, 1]; the reference's {@code style_transfer} without interpolation weights.
     */
    public NDArray stylize(ParameterStore ps, NDArray content, NDArray style, double alpha) {
        NDArray c = encode(ps, content, false).get(3);
        NDArray s = encode(ps, style, false).get(3);
        return decode(ps, target(c, s, alpha), false);
    }
}
