package io.adaptseg.train.method;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.model.Normalization;
import io.adaptseg.train.config.AdainConfig;
import io.adaptseg.train.model.ParameterNames;
import io.adaptseg.train.nd.Scalars;
import io.adaptseg.train.optim.Adam;
import io.adaptseg.train.optim.NamedParameter;
import io.adaptseg.train.optim.ParameterGroup;
import io.adaptseg.train.translator.AdainSettings;
import io.adaptseg.train.translator.Translator;
import io.adaptseg.train.translator.TranslatorCheckpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * Joint training of an AdaIN translator and the segmenter (issue 18 item 4, the seed's
 * "将风格迁移网络和分割网络拉通训练"): each source batch is translated before the segmenter sees it,
 * content = the source images, style = the same iteration's target images, and the segmenter's
 * supervised source loss flows back through the translated pixels into the decoder. The encoder stays
 * fixed (its weights are the adain checkpoint's); the decoder learns with its own Adam (PyTorch's
 * defaults, as {@code method: adain}) at the checkpoint's constant {@code lr}.
 *
 * <p>The batches arrive normalised for the segmenter; the translator works on RGB in [0, 1]. So the
 * inputs are brought back to RGB [0, 1] (the normalisation is affine and invertible), and the decoder's
 * output is clamped to [0, 1] (as {@code adaptseg stylize} clamps before saving, so the segmenter sees
 * the value range of a translated dataset; the clamp passes the gradient through, see
 * {@link #clampPassingGradient}) and normalised again with tensor operations, which keeps the path
 * from the loss to the decoder differentiable.
 */
final class JointTranslation implements AutoCloseable {
    /** Checkpoint name of the jointly trained decoder and of its optimiser. */
    static final String NETWORK = TranslatorCheckpoint.JOINT_DECODER;
    private static final List<String> TRANSLATOR_LOSSES = List.of("loss_trans_content", "loss_trans_style");

    private final Translator translator;
    private final Normalization normalization;
    private final double alpha;
    private final double lr;
    private final double adainWeight;
    private final AdainSettings losses;
    private final NDManager manager;
    private final ParameterStore store;
    private final Adam optimizer;

    /** @param manager owns the translator; closing this closes it */
    JointTranslation(Translator translator, Normalization normalization, double alpha, double lr, NDManager manager) {
        this(translator, normalization, alpha, lr, 0, new AdainSettings(1.0, 1, 1), manager);
    }

    /**
     * @param adainWeight weight of the translator's own AdaIN loss ({@code losses}: content and style
     *                    weights) added to the decoder's gradient; 0: the segmenter's loss alone
     * @param manager     owns the translator; closing this closes it
     */
    JointTranslation(Translator translator, Normalization normalization, double alpha, double lr, double adainWeight,
            AdainSettings losses, NDManager manager) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("joint-alpha must be in [0, 1], found " + alpha);
        }
        if (!(adainWeight >= 0 && Double.isFinite(adainWeight))) {
            throw new IllegalArgumentException("joint-adain-weight must be a number >= 0, found " + adainWeight);
        }
        this.translator = translator;
        this.normalization = normalization;
        this.alpha = alpha;
        this.lr = lr;
        this.adainWeight = adainWeight;
        this.losses = losses;
        this.manager = manager;
        this.store = new ParameterStore(manager, false);
        List<NamedParameter> params = new ArrayList<>();
        ParameterNames.of(translator.decoder()).forEach((name, p) -> params.add(new NamedParameter(name, p)));
        this.optimizer = new Adam(List.of(new ParameterGroup(NETWORK, params, 1.0)), 0.9, 0.999, 1e-8, 0.0, manager);
    }

    /**
     * The translator of the adain checkpoint {@code checkpoint}, for a segmenter whose inputs are
     * normalised by {@code normalization}; a checkpoint of another method is an error naming it.
     */
    static JointTranslation load(Path checkpoint, Normalization normalization, double alpha, double adainWeight,
            NDManager parent) throws AdaptsegException {
        NDManager manager = parent.newSubManager();
        try {
            TranslatorCheckpoint loaded = TranslatorCheckpoint.load(checkpoint, manager);
            AdainConfig a = loaded.config().adain();
            return new JointTranslation(loaded.translator(), normalization, alpha, a.lr(), adainWeight,
                    new AdainSettings(alpha, a.styleWeight(), a.contentWeight()), manager);
        } catch (AdaptsegException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    Translator translator() {
        return translator;
    }

    Adam optimizer() {
        return optimizer;
    }

    void zeroGradients() {
        optimizer.zeroGradients();
    }

    /** The losses {@link #backwardTranslatorLosses} reports: none when the AdaIN loss is off. */
    List<String> lossNames() {
        return adainWeight > 0 ? TRANSLATOR_LOSSES : List.of();
    }

    /**
     * With {@code joint-adain-weight} above 0, adds to the decoder's gradients those of its own AdaIN loss
     * on this iteration's pairs ({@code method: adain}'s content and style losses, at the adain
     * checkpoint's weights, times {@code joint-adain-weight}), so that the segmenter's loss cannot pull the
     * translated images away from the target's style unchecked; returns the two weighted terms as
     * {@code loss_trans_content} and {@code loss_trans_style}. The translation is recomputed (the
     * segmenter's backward has freed its graph); the decoder has not stepped yet, so it is the same.
     */
    SequencedMap<String, Double> backwardTranslatorLosses(NDArray source, NDArray target) {
        SequencedMap<String, Double> out = new LinkedHashMap<>();
        if (adainWeight == 0) {
            return out;
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                Translator.Losses l = translator.losses(store, toUnitRgb(source),
                        toUnitRgb(styleRows(target, source.getShape().get(0))), losses, true);
                gc.backward(Scalars.times(l.content().add(l.style()), adainWeight));
                out.put(TRANSLATOR_LOSSES.get(0), (double) l.content().getFloat());
                out.put(TRANSLATOR_LOSSES.get(1), (double) l.style().getFloat());
            }
        }
        return out;
    }

    /** One Adam step of the decoder on the gradients the segmenter's source loss left. */
    void step() {
        optimizer.step(lr);
    }

    /**
     * The source images translated into the style of the target images and normalised for the
     * segmenter, of the source's size; differentiable in the decoder's parameters when a gradient
     * collector is open. Sample i takes the style of target sample i (cycled when the target batch is
     * smaller).
     */
    NDArray translate(NDArray source, NDArray target) {
        long n = source.getShape().get(0);
        long h = source.getShape().get(2);
        long w = source.getShape().get(3);
        NDArray content = translator.encode(store, toUnitRgb(source), false).get(3).stopGradient();
        NDArray style = translator.encode(store, toUnitRgb(styleRows(target, n)), false).get(3).stopGradient();
        NDArray t = Translator.target(content, style, alpha).stopGradient();
        // the ceil-mode pools round the size up to a multiple of the stride, aligned at the top-left corner
        NDArray y = translator.decode(store, t, true).get(new NDIndex(":, :, 0:" + h + ", 0:" + w));
        return fromUnitRgb(clampPassingGradient(y));
    }

    /**
     * {@code y} clamped to [0, 1] in the forward pass, its gradient passed unchanged (a straight-through
     * clamp): a plain clamp has zero gradient outside the range, and a young decoder's output can lie
     * entirely outside it (seen in the tests: a whole image below 0), which would stop it learning.
     */
    static NDArray clampPassingGradient(NDArray y) {
        return y.add(y.clip(0, 1).sub(y).stopGradient());
    }

    private static NDArray styleRows(NDArray target, long n) {
        long m = target.getShape().get(0);
        if (m == n) {
            return target;
        }
        long[] rows = new long[(int) n];
        for (int i = 0; i < n; i++) {
            rows[i] = i % m;
        }
        return target.get(target.getManager().create(rows));
    }

    /** Model input (normalised, model channel order) to RGB in [0, 1]: the inverse of {@link Normalization}. */
    NDArray toUnitRgb(NDArray x) {
        NDArray v = Scalars.over(x.mul(channels(x, normalization.std())).add(channels(x, normalization.mean())),
                normalization.scale() * 255.0);
        return normalization.colorOrder() == Normalization.ColorOrder.BGR ? v.flip(1) : v;
    }

    /** RGB in [0, 1] to the segmenter's input, as {@link Normalization#toChw} does for bytes. */
    NDArray fromUnitRgb(NDArray rgb) {
        NDArray v = normalization.colorOrder() == Normalization.ColorOrder.BGR ? rgb.flip(1) : rgb;
        return Scalars.times(v, normalization.scale() * 255.0).sub(channels(v, normalization.mean()))
                .div(channels(v, normalization.std()));
    }

    private static NDArray channels(NDArray like, double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return like.getManager().create(f, new Shape(1, f.length, 1, 1));
    }

    @Override
    public void close() {
        optimizer.close();
        manager.close();
    }
}
