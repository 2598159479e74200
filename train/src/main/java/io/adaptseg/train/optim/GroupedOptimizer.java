package io.adaptseg.train.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import io.adaptseg.train.nd.Scalars;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What SGD and Adam share: the groups, per-parameter state buffers owned by one manager, the step
 * count, gradient zeroing, and saving/restoring the state by parameter name.
 */
abstract class GroupedOptimizer implements ParameterOptimizer {
    private static final String STEP_KEY = "step";

    private final List<ParameterGroup> groups;
    private final NDManager stateManager;
    /** kind ("momentum", "exp_avg", ...) -> parameter name -> buffer. */
    private final Map<String, Map<String, NDArray>> buffers = new LinkedHashMap<>();
    private final double weightDecay;
    private long steps;

    GroupedOptimizer(List<ParameterGroup> groups, List<String> stateKinds, double weightDecay, NDManager parent) {
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be finite and >= 0, found " + weightDecay);
        }
        this.weightDecay = weightDecay;
        this.groups = List.copyOf(groups);
        Set<String> names = new HashSet<>();
        for (ParameterGroup g : this.groups) {
            for (NamedParameter p : g.parameters()) {
                if (!names.add(p.name())) {
                    throw new IllegalArgumentException("parameter " + p.name() + " is in more than one group");
                }
            }
        }
        this.stateManager = parent.newSubManager();
        for (String kind : stateKinds) {
            buffers.put(kind, new HashMap<>());
        }
    }

    /**
     * Updates one parameter in place. {@code grad} already includes weight decay. Runs inside an
     * {@link NDScope}: temporaries are freed afterwards; buffers come from {@link #buffer}.
     */
    abstract void update(String name, NDArray weight, NDArray grad, double lr, long step);

    /** The buffer of {@code kind} for {@code name}, created as zeros like {@code like} on first use. */
    final NDArray buffer(String kind, String name, NDArray like) {
        Map<String, NDArray> m = buffers.get(kind);
        NDArray b = m.get(name);
        if (b == null) {
            b = stateManager.zeros(like.getShape(), like.getDataType());
            NDScope.unregister(b);
            m.put(name, b);
        }
        return b;
    }

    /** PyTorch's {@code weight_decay}: {@code weightDecay * w} is added to each gradient before {@link #update}. */
    final double weightDecay() {
        return weightDecay;
    }

    @Override
    public final void step(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be finite and >= 0, found " + lr);
        }
        steps++;
        for (ParameterGroup group : groups) {
            double groupLr = lr * group.lrMultiplier();
            for (NamedParameter np : group.parameters()) {
                Parameter p = np.parameter();
                if (!p.requiresGradient() || !p.isInitialized()) {
                    continue;
                }
                NDArray w = p.getArray();
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray g = gradientOrNull(w);
                    if (g == null) {
                        continue; // never reached by a backward pass: PyTorch skips it too
                    }
                    NDArray d = weightDecay() != 0 ? g.add(Scalars.times(w, weightDecay())) : g;
                    update(np.name(), w, d, groupLr, steps);
                    Scalars.timesInPlace(g, 0);
                }
            }
        }
    }

    @Override
    public final void zeroGradients() {
        for (ParameterGroup group : groups) {
            for (NamedParameter np : group.parameters()) {
                Parameter p = np.parameter();
                if (p.isInitialized()) {
                    try (NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        NDArray g = gradientOrNull(p.getArray());
                        if (g != null) {
                            Scalars.timesInPlace(g, 0);
                        }
                    }
                }
            }
        }
    }

    private static NDArray gradientOrNull(NDArray w) {
        if (!w.hasGradient()) {
            return null;
        }
        try {
            return w.getGradient();
        } catch (IllegalStateException e) {
            return null; // requires grad but no backward has reached it yet
        }
    }

    @Override
    public final long steps() {
        return steps;
    }

    @Override
    public final NDList saveState(NDManager manager) {
        NDList out = new NDList();
        NDArray step = manager.create(new long[] {steps});
        step.setName(STEP_KEY);
        out.add(step);
        for (var kind : buffers.entrySet()) {
            for (var e : kind.getValue().entrySet()) {
                NDArray copy = e.getValue().duplicate();
                copy.attach(manager);
                copy.setName(kind.getKey() + "/" + e.getKey());
                out.add(copy);
            }
        }
        return out;
    }

    @Override
    public final void loadState(NDList state) {
        Set<String> known = new HashSet<>();
        for (ParameterGroup g : groups) {
            for (NamedParameter p : g.parameters()) {
                known.add(p.name());
            }
        }
        List<NDArray> restored = new ArrayList<>();
        Long restoredSteps = null;
        for (NDArray a : state) {
            String name = a.getName();
            if (STEP_KEY.equals(name)) {
                restoredSteps = a.toLongArray()[0];
                continue;
            }
            int slash = name == null ? -1 : name.indexOf('/');
            String kind = slash < 0 ? null : name.substring(0, slash);
            String param = slash < 0 ? null : name.substring(slash + 1);
            if (kind == null || !buffers.containsKey(kind) || !known.contains(param)) {
                throw new IllegalArgumentException("optimizer state entry '" + name
                        + "' does not match this optimizer (kinds " + buffers.keySet() + ")");
            }
            restored.add(a);
        }
        if (restoredSteps == null) {
            throw new IllegalArgumentException("optimizer state has no '" + STEP_KEY + "' entry");
        }
        for (Map<String, NDArray> m : buffers.values()) {
            m.values().forEach(NDArray::close);
            m.clear();
        }
        for (NDArray a : restored) {
            String name = a.getName();
            int slash = name.indexOf('/');
            // a copy on this optimizer's device (the checkpoint was read on the CPU, the parameters may be on a
            // GPU). Not toDevice(same device, copy=true): DJL's PyTorch engine then returns an alias of the
            // file's buffer, which is freed with the reader (heap corruption, seen in DevicePlacementTest)
            Device device = stateManager.getDevice();
            NDArray copy = a.getDevice().equals(device) ? a.duplicate() : a.toDevice(device, false);
            copy.attach(stateManager);
            buffers.get(name.substring(0, slash)).put(name.substring(slash + 1), copy);
        }
        steps = restoredSteps;
    }

    @Override
    public final void close() {
        stateManager.close();
    }
}
