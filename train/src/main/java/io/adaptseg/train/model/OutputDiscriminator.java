package io.adaptseg.train.model;

import ai.djl.nn.SequentialBlock;
import io.adaptseg.train.model.blocks.LeakyRelu;

/**
 * The output-space discriminator of AdvNet and CLAN: five 4×4 stride-2 pad-1 convs with bias, channels
 * classes → w → 2w → 4w → 8w → 1 (w = 64 in the references), LeakyReLU 0.2 after the first four, logits
 * out at 1/32 of the input. A {@code SequentialBlock} of {@code Conv2d} and {@link LeakyRelu}; PyTorch's
 * default conv initialisation, as the references do not override it.
 */
public final class OutputDiscriminator {
    /** The references' base width. */
    public static final int REFERENCE_WIDTH = 64;
    /** Negative slope of the LeakyReLUs. */
    public static final float SLOPE = 0.2f;

    private OutputDiscriminator() {
    }

    /** A new, uninitialised discriminator for {@code numClasses}-channel softmax maps. */
    public static SequentialBlock create(int numClasses, int width) {
        if (numClasses < 1 || width < 1) {
            throw new IllegalArgumentException("discriminator needs positive classes and width, found " + numClasses
                    + " and " + width);
        }
        SequentialBlock d = new SequentialBlock();
        int in = numClasses;
        int[] outs = {width, 2 * width, 4 * width, 8 * width, 1};
        for (int i = 0; i < outs.length; i++) {
            d.add(Bottlenecks.conv(in, outs[i], 4, 2, 1, 1, true, Initializers.torchDefaultWeight()));
            if (i < outs.length - 1) {
                d.add(new LeakyRelu(SLOPE));
            }
            in = outs[i];
        }
        return d;
    }
}
