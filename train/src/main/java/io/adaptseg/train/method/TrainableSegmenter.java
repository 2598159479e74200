package io.adaptseg.train.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.adaptseg.core.model.Normalization;
import io.adaptseg.train.optim.NamedParameter;
import io.adaptseg.train.optim.ParameterGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What training needs from a segmentation network: the initialised block, the names of its outputs
 * in order (for example {@code aux, main}), the head that is evaluated, the normalisation of its
 * inputs, and which parameters belong to the classifier heads (trained at a higher learning rate).
 * Frozen parameters are those the block itself marks as not requiring gradients.
 */
public record TrainableSegmenter(String name, Block block, List<String> heads, String evaluationHead,
        int numClasses, Normalization normalization, Predicate<String> isHeadParameter) {
    public TrainableSegmenter {
        heads = List.copyOf(heads);
        if (heads.isEmpty() || !heads.contains(evaluationHead)) {
            throw new IllegalArgumentException("evaluation head " + evaluationHead + " is not among the heads " + heads);
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be >= 2, found " + numClasses);
        }
    }

    /** Runs the block and returns its outputs, one per head, in {@link #heads} order. */
    public NDList forward(ParameterStore store, NDArray images, boolean training) {
        NDList out = block.forward(store, new NDList(images), training);
        if (out.size() != heads.size()) {
            throw new IllegalStateException("segmenter " + name + " returned " + out.size() + " outputs, expected heads " + heads);
        }
        return out;
    }

    /** Index of the named head in the block's outputs. */
    public int headIndex(String head) {
        int i = heads.indexOf(head);
        if (i < 0) {
            throw new IllegalArgumentException("no head named " + head + "; heads are " + heads);
        }
        return i;
    }

    /** Body parameters at 1x and head parameters at {@code headMultiplier}x the base rate. */
    public List<ParameterGroup> parameterGroups(double headMultiplier) {
        List<NamedParameter> body = new ArrayList<>();
        List<NamedParameter> head = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().getType() == Parameter.Type.RUNNING_MEAN || p.getValue().getType() == Parameter.Type.RUNNING_VAR) {
                continue; // BN statistics are updated by the forward pass, never by the optimiser
            }
            (isHeadParameter.test(p.getKey()) ? head : body).add(new NamedParameter(p.getKey(), p.getValue()));
        }
        return List.of(new ParameterGroup("body", body, 1.0), new ParameterGroup("heads", head, headMultiplier));
    }
}
