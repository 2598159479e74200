package io.adaptseg.train.translator;

/**
 * One step of a {@link ConvStack}: the vocabulary of the reference's {@code nn.Sequential} encoder and
 * decoder, which the ONNX exporter also walks one step at a time.
 */
public sealed interface Layer {
    /** A square convolution without padding, registered under {@code name} (its state-dict index). */
    record Conv(String name, int in, int out, int kernel) implements Layer {
    }

    /** {@code nn.ReflectionPad2d((1, 1, 1, 1))}. */
    record ReflectionPad() implements Layer {
    }

    /** {@code nn.ReLU()}. */
    record Relu() implements Layer {
    }

    /** {@code nn.MaxPool2d((2, 2), (2, 2), (0, 0), ceil_mode=True)}. */
    record MaxPool() implements Layer {
    }

    /** {@code nn.UpsamplingNearest2d(scale_factor=2)}. */
    record Upsample() implements Layer {
    }

    /** The current activation becomes an output of the stack, named for messages and exports. */
    record Tap(String name) implements Layer {
    }
}
