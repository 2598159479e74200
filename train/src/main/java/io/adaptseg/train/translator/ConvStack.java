package io.adaptseg.train.translator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.adaptseg.train.model.Initializers;
import io.adaptseg.train.numerics.TorchNumerics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chain of {@link Layer}s whose {@link Layer.Tap}s are its outputs, in order. Each convolution is a
 * child registered under its {@code nn.Sequential} index, so our parameter names ({@code 2.weight},
 * {@code 29.bias}) are the reference's state-dict names.
 */
public final class ConvStack extends AbstractBlock {
    private final List<Layer> layers;
    private final Map<String, Conv2d> convs = new LinkedHashMap<>();

    /** How the convolutions start: PyTorch's default, or He for a random encoder that must keep its signal. */
    public enum Init {
        /** PyTorch's {@code Conv2d} default, uniform ±1/√fan_in for weights and biases (the reference decoder). */
        TORCH_DEFAULT,
        /**
         * He normal (fan-in) weights and zero biases: with PyTorch's default, whose variance shrinks by 3 per
         * layer, a random encoder's relu4_1 is close to zero and the losses say nothing.
         */
        HE
    }

    public ConvStack(List<Layer> layers, Init init) {
        this.layers = List.copyOf(layers);
        TorchNumerics.ensureConfigured(); // the convolution route is decided before any convolution runs
        for (Layer layer : this.layers) {
            if (layer instanceof Layer.Conv c) {
                Conv2d conv = Conv2d.builder().setKernelShape(new Shape(c.kernel(), c.kernel())).setFilters(c.out())
                        .optBias(true).build();
                double bound = 1.0 / Math.sqrt((double) c.in() * c.kernel() * c.kernel());
                if (init == Init.HE) {
                    conv.setInitializer(Initializers.kaimingFanIn(), Parameter.Type.WEIGHT);
                    conv.setInitializer(ai.djl.training.initializer.Initializer.ZEROS, Parameter.Type.BIAS);
                } else {
                    conv.setInitializer(Initializers.torchDefaultWeight(), Parameter.Type.WEIGHT);
                    conv.setInitializer(Initializers.uniform(bound), Parameter.Type.BIAS);
                }
                convs.put(c.name(), addChildBlock(c.name(), conv));
            }
        }
    }

    /** The steps, in order. */
    public List<Layer> layers() {
        return layers;
    }

    /** The convolution registered under {@code name}. */
    public Conv2d conv(String name) {
        Conv2d c = convs.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no convolution named '" + name + "', have " + convs.keySet());
        }
        return c;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDList taps = new NDList();
        for (Layer layer : layers) {
            x = switch (layer) {
                case Layer.Conv c -> convs.get(c.name()).forward(ps, new NDList(x), training, params).singletonOrThrow();
                case Layer.ReflectionPad p -> reflectionPad(x);
                case Layer.Relu r -> Activation.relu(x);
                case Layer.MaxPool m -> x.getNDArrayInternal().maxPool(new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), true);
                case Layer.Upsample u -> x.repeat(2, 2).repeat(3, 2);
                case Layer.Tap t -> {
                    taps.add(x);
                    yield x;
                }
            };
        }
        return taps;
    }

    /**
     * One pixel of reflection padding on each side of H and W ({@code nn.ReflectionPad2d(1)}): the row
     * or column next to the border is mirrored, the border itself is not repeated. Built from slices,
     * so gradients flow as through PyTorch's own operator.
     */
    static NDArray reflectionPad(NDArray x) {
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        if (h < 2 || w < 2) {
            throw new IllegalArgumentException("reflection padding needs at least 2x2 pixels, found " + w + "x" + h);
        }
        NDArray wide = NDArrays.concat(new NDList(x.get(":, :, :, 1:2"), x, x.get(":, :, :, " + (w - 2) + ":" + (w - 1))), 3);
        return NDArrays.concat(new NDList(wide.get(":, :, 1:2, :"), wide, wide.get(":, :, " + (h - 2) + ":" + (h - 1) + ", :")), 2);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType type, Shape... inputShapes) {
        Shape s = inputShapes[0];
        for (Layer layer : layers) {
            if (layer instanceof Layer.Conv c) {
                convs.get(c.name()).initialize(manager, type, s);
            }
            s = next(layer, s);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        List<Shape> out = new java.util.ArrayList<>();
        for (Layer layer : layers) {
            s = next(layer, s);
            if (layer instanceof Layer.Tap) {
                out.add(s);
            }
        }
        return out.toArray(Shape[]::new);
    }

    private static Shape next(Layer layer, Shape s) {
        return switch (layer) {
            case Layer.Conv c -> new Shape(s.get(0), c.out(), s.get(2) - c.kernel() + 1, s.get(3) - c.kernel() + 1);
            case Layer.ReflectionPad p -> new Shape(s.get(0), s.get(1), s.get(2) + 2, s.get(3) + 2);
            case Layer.MaxPool m -> new Shape(s.get(0), s.get(1), Math.ceilDiv(s.get(2), 2), Math.ceilDiv(s.get(3), 2));
            case Layer.Upsample u -> new Shape(s.get(0), s.get(1), s.get(2) * 2, s.get(3) * 2);
            case Layer.Relu r -> s;
            case Layer.Tap t -> s;
        };
    }
}
