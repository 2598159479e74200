package io.adaptseg.train.translator;

import java.util.ArrayList;
import java.util.List;

/**
 * The trainable decoder, the encoder mirrored ({@code net.decoder} of naoto0804/pytorch-AdaIN
 * {@code net.py}): reflection-padded 3×3 convolutions with ReLU, nearest-neighbour ×2 upsampling in
 * place of each pool, from 512 channels at stride 8 to 3 channels at stride 1, no activation at the
 * end (the image is clamped when it is saved). Parameter names are the reference decoder's state-dict
 * names ({@code 1.weight} … {@code 28.bias}), so a reference {@code decoder.pth} has our names.
 */
public final class AdainDecoder {
    /** The single output. */
    public static final String OUTPUT = "image";

    private AdainDecoder() {
    }

    /** A new, uninitialised decoder. */
    public static ConvStack create() {
        List<Layer> l = new ArrayList<>();
        conv(l, "1", VggEncoder.FEATURES, 256, true);
        l.add(new Layer.Upsample());
        conv(l, "5", 256, 256, true);
        conv(l, "8", 256, 256, true);
        conv(l, "11", 256, 256, true);
        conv(l, "14", 256, 128, true);
        l.add(new Layer.Upsample());
        conv(l, "18", 128, 128, true);
        conv(l, "21", 128, 64, true);
        l.add(new Layer.Upsample());
        conv(l, "25", 64, 64, true);
        conv(l, "28", 64, 3, false);
        l.add(new Layer.Tap(OUTPUT));
        return new ConvStack(l, ConvStack.Init.TORCH_DEFAULT);
    }

    private static void conv(List<Layer> l, String name, int in, int out, boolean relu) {
        l.add(new Layer.ReflectionPad());
        l.add(new Layer.Conv(name, in, out, 3));
        if (relu) {
            l.add(new Layer.Relu());
        }
    }
}
