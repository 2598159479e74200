package io.adaptseg.train.optim;

import ai.djl.nn.Parameter;
import java.util.Objects;

/** A parameter with its stable hierarchical name (the key of {@code Block.getParameters()}). */
public record NamedParameter(String name, Parameter parameter) {
    public NamedParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parameter, "parameter");
    }
}
