package io.adaptseg.train.translator;

import java.util.ArrayList;
import java.util.List;

/**
 * The fixed encoder: VGG-19 up to relu4_1 with the AdaIN reference's layout ({@code net.vgg[:31]} of
 * naoto0804/pytorch-AdaIN {@code net.py}): a 1×1 convolution {@code 0} that turns the RGB input in
 * [0, 1] into what the VGG convolutions expect, then 3×3 convolutions with one pixel of reflection
 * padding and 2×2 ceil-mode max pools. Its four outputs are relu1_1, relu2_1, relu3_1 and relu4_1
 * (64, 128, 256, 512 channels at strides 1, 2, 4, 8). Parameter names are the reference's
 * {@code vgg_normalised.pth} names ({@code 0.weight} … {@code 29.bias}).
 */
public final class VggEncoder {
    /** The outputs, in order. */
    public static final List<String> TAPS = List.of("relu1_1", "relu2_1", "relu3_1", "relu4_1");
    /** The 3×3 convolutions' state-dict indices in the reference's {@code nn.Sequential}, in order. */
    public static final List<String> CONVOLUTIONS = List.of("2", "5", "9", "12", "16", "19", "22", "25", "29");
    /** The 1×1 input convolution. */
    public static final String INPUT_CONVOLUTION = "0";
    /** Channels of relu4_1, the features AdaIN works on. */
    public static final int FEATURES = 512;

    private VggEncoder() {
    }

    /** A new, uninitialised encoder. */
    public static ConvStack create() {
        List<Layer> l = new ArrayList<>();
        l.add(new Layer.Conv(INPUT_CONVOLUTION, 3, 3, 1));
        conv(l, "2", 3, 64);
        l.add(new Layer.Tap(TAPS.get(0)));
        conv(l, "5", 64, 64);
        l.add(new Layer.MaxPool());
        conv(l, "9", 64, 128);
        l.add(new Layer.Tap(TAPS.get(1)));
        conv(l, "12", 128, 128);
        l.add(new Layer.MaxPool());
        conv(l, "16", 128, 256);
        l.add(new Layer.Tap(TAPS.get(2)));
        conv(l, "19", 256, 256);
        conv(l, "22", 256, 256);
        conv(l, "25", 256, 256);
        l.add(new Layer.MaxPool());
        conv(l, "29", 256, FEATURES);
        l.add(new Layer.Tap(TAPS.get(3)));
        return new ConvStack(l, ConvStack.Init.HE);
    }

    /** Reflection pad, 3×3 convolution, ReLU: one reference VGG unit. */
    private static void conv(List<Layer> l, String name, int in, int out) {
        l.add(new Layer.ReflectionPad());
        l.add(new Layer.Conv(name, in, out, 3));
        l.add(new Layer.Relu());
    }
}
