package io.adaptseg.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.adaptseg.train.nd.Scalars;
import java.util.List;

/**
 * SGD in PyTorch's form (dampening 0, no Nesterov): {@code g = grad + wd*w; buf = m*buf + g;
 * w -= lr*buf}. DJL's SGD puts the learning rate inside the buffer (MXNet form), which differs as
 * soon as the learning rate changes between steps, as it does under the poly schedule.
 */
public final class Sgd extends GroupedOptimizer {
    private final double momentum;

    public Sgd(List<ParameterGroup> groups, double momentum, double weightDecay, NDManager manager) {
        super(groups, momentum == 0 ? List.of() : List.of("momentum"), weightDecay, manager);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), found " + momentum);
        }
        this.momentum = momentum;
    }

    @Override
    void update(String name, NDArray weight, NDArray grad, double lr, long step) {
        NDArray direction = grad;
        if (momentum != 0) {
            NDArray buf = buffer("momentum", name, grad);
            // zero-initialised buffer: m*0 + g equals PyTorch's first-step clone of g
            Scalars.timesInPlace(buf, momentum).addi(grad);
            direction = buf;
        }
        weight.subi(Scalars.times(direction, lr));
    }
}
