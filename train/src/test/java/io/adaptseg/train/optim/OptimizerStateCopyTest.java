package io.adaptseg.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Restored optimiser state is the optimiser's own copy on its own device, never a view of the arrays it
 * was read from: a checkpoint is read on the CPU into a scratch manager that is closed (and its buffers
 * freed) right after, while training goes on. DJL's {@code toDevice} to the same device returns an alias,
 * which is how a restored momentum buffer once pointed at freed memory.
 */
class OptimizerStateCopyTest {
    @Test
    void restoredBuffersDoNotShareMemoryWithTheArraysTheyWereReadFrom() throws Exception {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            Parameter w = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
            NDArray values = manager.create(new float[] {1f, -2f, 3f});
            values.setRequiresGradient(true);
            w.setArray(values);
            List<ParameterGroup> groups = List.of(new ParameterGroup("g", List.of(new NamedParameter("w", w)), 1.0));
            try (Sgd trained = new Sgd(groups, 0.9, 0.0, manager); Sgd restored = new Sgd(groups, 0.9, 0.0, manager)) {
                try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                    gc.backward(values.square().sum());
                }
                trained.step(0.1);
                NDList state = trained.saveState(manager);
                float[] momentum = state.get("momentum/w").toFloatArray();
                ByteArrayOutputStream file = new ByteArrayOutputStream();
                state.encode(file, NDList.Encoding.NPZ);
                try (NDManager reader = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
                    NDList read = NDList.decode(reader, new ByteArrayInputStream(file.toByteArray()));
                    restored.loadState(read);
                    for (NDArray a : read) {
                        a.subi(a); // scribble over what was read: a view would change with it
                    }
                }
                NDList again = restored.saveState(manager);
                assertEquals(1, again.get("step").toLongArray()[0]);
                assertArrayEquals(momentum, again.get("momentum/w").toFloatArray());
                assertEquals(Device.cpu(), again.get("momentum/w").getDevice());
            }
        }
    }
}
