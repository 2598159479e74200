package io.adaptseg.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.adaptseg.train.nd.Scalars;
import java.util.List;

/**
 * Adam in PyTorch's form (L2 weight decay added to the gradient, not AdamW):
 * {@code m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g^2;
 * w -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps)}.
 */
public final class Adam extends GroupedOptimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;

    public Adam(List<ParameterGroup> groups, double beta1, double beta2, double eps, double weightDecay,
            NDManager manager) {
        super(groups, List.of("exp_avg", "exp_avg_sq"), weightDecay, manager);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must be in [0, 1), found " + beta1 + ", " + beta2);
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("eps must be > 0, found " + eps);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    @Override
    void update(String name, NDArray weight, NDArray grad, double lr, long step) {
        NDArray m = buffer("exp_avg", name, grad);
        NDArray v = buffer("exp_avg_sq", name, grad);
        Scalars.timesInPlace(m, beta1).addi(Scalars.times(grad, 1 - beta1));
        Scalars.timesInPlace(v, beta2).addi(Scalars.times(grad.square(), 1 - beta2));
        double bias1 = 1 - Math.pow(beta1, step);
        double bias2 = 1 - Math.pow(beta2, step);
        NDArray denom = Scalars.over(v.sqrt(), Math.sqrt(bias2)).add(eps);
        weight.subi(Scalars.times(m.div(denom), lr / bias1));
    }
}
