package io.adaptseg.train.testing;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import java.lang.reflect.Field;

/**
 * Makes DJL's PyTorch engine hand out GPU managers by default while open. On a machine whose libtorch
 * has no CUDA, any array created through a manager that did not name its device ({@code
 * NDManager.newBaseManager()}, {@code Model.newInstance}) then fails at once ("Could not run ... from
 * the 'CUDA' backend"). Code that passes under the trap with {@code device: cpu} creates every array on
 * the device it was given, which is what a GPU run needs. DJL has no setter for its default: a base
 * manager without a device inherits the engine's system manager's device, and {@code Device.defaultIfNull}
 * reads the engine's; both fields are set by reflection and put back on {@link #close()}. On a machine
 * with a GPU, DJL's default already is {@code gpu:0} and the same runs check the same thing for real.
 */
public final class DefaultDeviceTrap implements AutoCloseable {
    private final Engine engine;
    private final Field engineField;
    private final NDManager system;
    private final Field systemField;
    private final Object engineBefore;
    private final Object systemBefore;

    private DefaultDeviceTrap(Engine engine, Field engineField, NDManager system, Field systemField)
            throws IllegalAccessException {
        this.engine = engine;
        this.engineField = engineField;
        this.system = system;
        this.systemField = systemField;
        this.engineBefore = engineField.get(engine);
        this.systemBefore = systemField.get(system);
        if (!Device.gpu(0).equals(engineBefore) || !Device.gpu(0).equals(systemBefore)) {
            engineField.set(engine, Device.gpu(0));
            systemField.set(system, Device.gpu(0));
        }
    }

    /** Makes {@code gpu:0} DJL's default device until closed. */
    public static DefaultDeviceTrap gpuByDefault() throws ReflectiveOperationException {
        Engine engine = Engine.getEngine("PyTorch");
        engine.defaultDevice(); // fills the field as DJL would
        Field engineField = Engine.class.getDeclaredField("defaultDevice");
        engineField.setAccessible(true);
        NDManager system;
        try (NDManager any = engine.newBaseManager()) {
            system = any.getParentManager(); // the system manager every base manager hangs from
        }
        Field systemField = BaseNDManager.class.getDeclaredField("device");
        systemField.setAccessible(true);
        return new DefaultDeviceTrap(engine, engineField, system, systemField);
    }

    @Override
    public void close() {
        try {
            engineField.set(engine, engineBefore);
            systemField.set(system, systemBefore);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot restore DJL's default device", e);
        }
    }
}
