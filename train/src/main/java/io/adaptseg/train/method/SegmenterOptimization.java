package io.adaptseg.train.method;

import ai.djl.ndarray.NDManager;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.optim.NamedParameter;
import io.adaptseg.train.optim.ParameterGroup;
import io.adaptseg.train.optim.Sgd;
import java.util.ArrayList;
import java.util.List;

/**
 * SGD settings of the segmenter (reference: momentum 0.9, weight decay 5e-4, classifier heads at
 * 10x the base learning rate).
 */
public record SegmenterOptimization(double momentum, double weightDecay, double headLrMultiplier) {
    /** The DeepLab-v2 references' values. */
    public static final SegmenterOptimization REFERENCE = new SegmenterOptimization(0.9, 5e-4, 10.0);

    /**
     * The segmenter's trainable parameters in two groups as the references' {@code optim_parameters}:
     * backbone at 1x, classifier modules at {@link #headLrMultiplier}x. Frozen parameters (BN affine of
     * DeepLab-v2) and running statistics are in neither.
     */
    public static List<ParameterGroup> parameterGroups(Segmenter segmenter, double headMultiplier) {
        List<NamedParameter> body = new ArrayList<>();
        List<NamedParameter> heads = new ArrayList<>();
        segmenter.trainableParameters().forEach((name, p) ->
                (segmenter.isClassifier(name) ? heads : body).add(new NamedParameter(name, p)));
        return List.of(new ParameterGroup("body", body, 1.0), new ParameterGroup("heads", heads, headMultiplier));
    }

    /** The SGD optimiser of {@code segmenter} with these settings. */
    public Sgd sgd(Segmenter segmenter, NDManager manager) {
        return new Sgd(parameterGroups(segmenter, headLrMultiplier), momentum, weightDecay, manager);
    }
}
