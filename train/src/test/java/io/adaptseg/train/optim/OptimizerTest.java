package io.adaptseg.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimizerTest {
    private static final double[] LRS = {0.1, 0.05, 0.02, 0.01};
    private static final float[] COEF = {0.5f, -1.0f};

    private static Parameter parameter(NDManager manager, String name, float... values) {
        Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
        NDArray a = manager.create(values);
        a.setRequiresGradient(true);
        p.setArray(a);
        return p;
    }

    /** loss = sum(coef * w) + 0.5 * sum(w^2): gradient = coef + w. */
    private static void backward(Parameter... ps) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = null;
            for (Parameter p : ps) {
                NDArray w = p.getArray();
                NDArray l = w.mul(w.getManager().create(COEF)).sum().add(w.square().sum().mul(0.5));
                loss = loss == null ? l : loss.add(l);
            }
            gc.backward(loss);
        }
    }

    @Test
    void sgdMatchesPytorchFormWithChangingLearningRateAndGroups() {
        double m = 0.9;
        double wd = 0.01;
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter body = parameter(manager, "body", 1f, -2f);
            Parameter head = parameter(manager, "head", 0.3f, 0.7f);
            var groups = List.of(
                    new ParameterGroup("body", List.of(new NamedParameter("body", body)), 1.0),
                    new ParameterGroup("head", List.of(new NamedParameter("head", head)), 10.0));
            double[][] w = {{1, -2}, {0.3, 0.7}};
            double[][] buf = new double[2][2];
            double[] mult = {1, 10};
            try (Sgd sgd = new Sgd(groups, m, wd, manager)) {
                for (double lr : LRS) {
                    backward(body, head);
                    sgd.step(lr);
                    for (int g = 0; g < 2; g++) {
                        for (int i = 0; i < 2; i++) {
                            double grad = COEF[i] + w[g][i] + wd * w[g][i];
                            buf[g][i] = m * buf[g][i] + grad;
                            w[g][i] -= lr * mult[g] * buf[g][i];
                        }
                    }
                    assertClose(w[0], body.getArray().toFloatArray());
                    assertClose(w[1], head.getArray().toFloatArray());
                }
                assertEquals(LRS.length, sgd.steps());
            }
        }
    }

    @Test
    void adamMatchesPytorchFormWithBiasCorrection() {
        double b1 = 0.9;
        double b2 = 0.99;
        double eps = 1e-8;
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter d = parameter(manager, "d", 1f, -2f);
            var groups = List.of(new ParameterGroup("all", List.of(new NamedParameter("d", d)), 1.0));
            double[] w = {1, -2};
            double[] mo = new double[2];
            double[] v = new double[2];
            try (Adam adam = new Adam(groups, b1, b2, eps, 0.0, manager)) {
                int t = 0;
                for (double lr : LRS) {
                    backward(d);
                    adam.step(lr);
                    t++;
                    for (int i = 0; i < 2; i++) {
                        double grad = COEF[i] + w[i];
                        mo[i] = b1 * mo[i] + (1 - b1) * grad;
                        v[i] = b2 * v[i] + (1 - b2) * grad * grad;
                        double denom = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(b2, t)) + eps;
                        w[i] -= lr / (1 - Math.pow(b1, t)) * mo[i] / denom;
                    }
                    assertClose(w, d.getArray().toFloatArray());
                }
            }
        }
    }

    @Test
    void savedStateContinuesExactly() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter a = parameter(manager, "a", 1f, -2f);
            Parameter b = parameter(manager, "a", 1f, -2f);
            try (Adam first = new Adam(List.of(group(a)), 0.9, 0.99, 1e-8, 1e-4, manager);
                    Adam second = new Adam(List.of(group(b)), 0.9, 0.99, 1e-8, 1e-4, manager)) {
                for (int i = 0; i < 2; i++) {
                    backward(a);
                    first.step(LRS[i]);
                    backward(b);
                    second.step(LRS[i]);
                }
                NDList state = second.saveState(manager);
                try (Adam restored = new Adam(List.of(group(b)), 0.9, 0.99, 1e-8, 1e-4, manager)) {
                    restored.loadState(state);
                    assertEquals(2, restored.steps());
                    for (int i = 2; i < LRS.length; i++) {
                        backward(a);
                        first.step(LRS[i]);
                        backward(b);
                        restored.step(LRS[i]);
                    }
                    assertArrayEquals(a.getArray().toFloatArray(), b.getArray().toFloatArray());
                }
            }
        }
    }

    @Test
    void frozenParametersAreNotUpdated() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter p = parameter(manager, "p", 1f, -2f);
            try (Sgd sgd = new Sgd(List.of(group(p)), 0.9, 0.0, manager)) {
                backward(p);
                p.freeze(true);
                sgd.step(0.1);
                assertArrayEquals(new float[] {1f, -2f}, p.getArray().toFloatArray());
            }
        }
    }

    @Test
    void stateOfAnotherModelIsRejectedByName() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter p = parameter(manager, "p", 1f);
            try (Sgd sgd = new Sgd(List.of(group(p)), 0.9, 0.0, manager);
                    Sgd other = new Sgd(List.of(new ParameterGroup("g", List.of(new NamedParameter("q", p)), 1)),
                            0.9, 0.0, manager)) {
                backward(p);
                other.step(0.1);
                NDList state = other.saveState(manager);
                var e = assertThrows(IllegalArgumentException.class, () -> sgd.loadState(state));
                assertEquals(true, e.getMessage().contains("momentum/q"), e.getMessage());
            }
        }
    }

    private static ParameterGroup group(Parameter p) {
        return new ParameterGroup("all", List.of(new NamedParameter("w", p)), 1.0);
    }

    @Test
    void bothOptimizersRejectNegativeOrInfiniteWeightDecayByName() {
        try (NDManager manager = NDManager.newBaseManager()) {
            var groups = List.of(new ParameterGroup("g", List.of(new NamedParameter("p", parameter(manager, "p", 1f))), 1));
            for (double wd : new double[] {-1e-4, Double.POSITIVE_INFINITY, Double.NaN}) {
                var sgd = assertThrows(IllegalArgumentException.class, () -> new Sgd(groups, 0.9, wd, manager));
                assertEquals("weight decay must be finite and >= 0, found " + wd, sgd.getMessage());
                var adam = assertThrows(IllegalArgumentException.class, () -> new Adam(groups, 0.9, 0.99, 1e-8, wd, manager));
                assertEquals("weight decay must be finite and >= 0, found " + wd, adam.getMessage());
            }
        }
    }

    private static void assertClose(double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5 * Math.max(1, Math.abs(expected[i])), "element " + i);
        }
    }
}
