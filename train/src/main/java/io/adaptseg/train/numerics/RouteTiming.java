package io.adaptseg.train.numerics;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import java.util.Arrays;

/**
 * Times a training-like step on the current route: forward and backward of a bottleneck block
 * (1x1, 3x3 dilated, 1x1, batch norms) and an ASPP branch at the activation sizes of a 2×256×512
 * batch at output stride 8. Used only to rank routes that passed the check, measured in one process
 * per route, so only the ratios between routes matter.
 */
final class RouteTiming {
    private static final int WARM_UP = 1;
    private static final int RUNS = 3;

    private RouteTiming() {
    }

    /** Median milliseconds of one step. */
    static double stepMillis() {
        double[] times = new double[RUNS];
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            Engine.getEngine("PyTorch").setRandomSeed(5);
            NDArray x = manager.randomNormal(new Shape(2, 256, 32, 64));
            NDArray w1 = manager.randomNormal(0, 0.05f, new Shape(64, 256, 1, 1), DataType.FLOAT32);
            NDArray w2 = manager.randomNormal(0, 0.05f, new Shape(64, 64, 3, 3), DataType.FLOAT32);
            NDArray w3 = manager.randomNormal(0, 0.05f, new Shape(256, 64, 1, 1), DataType.FLOAT32);
            NDArray head = manager.randomNormal(0, 0.05f, new Shape(19, 256, 3, 3), DataType.FLOAT32);
            NDArray gamma64 = manager.ones(new Shape(64));
            NDArray beta64 = manager.zeros(new Shape(64));
            for (NDArray p : new NDArray[] {w1, w2, w3, head, gamma64, beta64}) {
                p.setRequiresGradient(true);
            }
            for (int r = 0; r < WARM_UP + RUNS; r++) {
                long start = System.nanoTime();
                try (NDManager step = manager.newSubManager();
                        GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                    NDArray h = conv(x, w1, 1, 0, 1);
                    h = Activation.relu(BatchNorm.batchNorm(h, step.zeros(new Shape(64)), step.ones(new Shape(64)), gamma64, beta64,
                            1, 0.1f, 1e-5f, true).singletonOrThrow());
                    h = Activation.relu(conv(h, w2, 1, 2, 2));
                    h = conv(h, w3, 1, 0, 1).add(x);
                    NDArray out = conv(h, head, 1, 12, 12);
                    gc.backward(out.square().mean());
                }
                double ms = (System.nanoTime() - start) / 1e6;
                if (r >= WARM_UP) {
                    times[r - WARM_UP] = ms;
                }
            }
        }
        Arrays.sort(times);
        return times[RUNS / 2];
    }

    private static NDArray conv(NDArray x, NDArray w, int stride, int pad, int dilation) {
        return Conv2d.conv2d(x, w, null, new Shape(stride, stride), new Shape(pad, pad), new Shape(dilation, dilation), 1)
                .singletonOrThrow();
    }
}
