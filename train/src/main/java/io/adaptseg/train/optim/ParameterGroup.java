package io.adaptseg.train.optim;

import java.util.List;

/**
 * Parameters that share a learning-rate multiplier, as PyTorch's param_groups: the reference
 * DeepLab-v2 training puts the classifier heads at 10x the base rate.
 */
public record ParameterGroup(String name, List<NamedParameter> parameters, double lrMultiplier) {
    public ParameterGroup {
        parameters = List.copyOf(parameters);
        if (!(lrMultiplier >= 0) || Double.isInfinite(lrMultiplier)) {
            throw new IllegalArgumentException("lrMultiplier of group " + name + " must be >= 0, found " + lrMultiplier);
        }
    }
}
