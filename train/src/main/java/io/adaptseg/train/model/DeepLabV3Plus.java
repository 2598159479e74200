package io.adaptseg.train.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.initializer.Initializer;
import io.adaptseg.train.model.blocks.AsppConcat;
import io.adaptseg.train.model.blocks.BatchNorm2d;
import io.adaptseg.train.model.blocks.BilinearUpsample;
import io.adaptseg.train.model.blocks.Decoder;
import io.adaptseg.train.model.blocks.DeepLabV3PlusNet;
import io.adaptseg.train.model.blocks.ImagePooling;
import io.adaptseg.train.model.blocks.Relu;
import io.adaptseg.train.model.blocks.ResNetTrunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds DeepLab-v3+ as CAG uses it (the pytorch-deeplab-xception design): torchvision-style
 * bottlenecks, output stride 16 (layer3 stride 2; layer4 stride 1 with multi-grid dilations 2, 4, 8),
 * ASPP of a 1×1 conv, 3×3 convs at rates 6/12/18 and image pooling (each conv → BN → ReLU, no bias),
 * concatenated → 1×1 → BN → ReLU → dropout 0.5; decoder on layer1 (see {@code Decoder}); logits and
 * features at stride 4. Convs He-normal (backbone fan-out, ASPP/decoder fan-in), BN scale 1 shift 0.
 */
public final class DeepLabV3Plus {
    /** Dilations of the three 3×3 ASPP branches. */
    public static final List<Integer> ASPP_RATES = List.of(6, 12, 18);
    static final int OUTPUT_STRIDE = 4;

    /** Channel widths of the head: ASPP branches, reduced low-level features, decoder (= feature dimension). */
    public record HeadWidths(int aspp, int lowLevel, int decoder) {
        /** The reference widths: 256, 48, 256. */
        public static final HeadWidths FULL = new HeadWidths(256, 48, 256);
        /** The reduced widths of the tiny variant: 32, 8, 32. */
        public static final HeadWidths TINY = new HeadWidths(32, 8, 32);
    }

    private DeepLabV3Plus() {
    }

    /** A new, uninitialised DeepLab-v3+ segmenter. */
    public static Segmenter create(String architecture, ResNetSpec spec, HeadWidths widths, int numClasses,
            SegmenterOptions options) {
        int[] multiGrid = {1, 2, 4};
        ResNetTrunk trunk = Bottlenecks.trunk(spec, Bottlenecks.Style.TORCHVISION, false, new int[] {1, 2, 2, 1},
                layerAndBlock -> layerAndBlock / 100 == 4 ? 2 * multiGrid[Math.min(layerAndBlock % 100, 2)] : 1);
        Initializer init = Initializers.kaimingFanIn();
        int in = spec.channels(4);
        List<Block> branches = new ArrayList<>();
        branches.add(convBnRelu(in, widths.aspp(), 1, 0, 1, init));
        for (int rate : ASPP_RATES) {
            branches.add(convBnRelu(in, widths.aspp(), 3, rate, rate, init));
        }
        branches.add(new ImagePooling(Bottlenecks.conv(in, widths.aspp(), 1, 1, 0, 1, false, init),
                new BatchNorm2d(widths.aspp())));
        SequentialBlock project = convBnRelu(widths.aspp() * branches.size(), widths.aspp(), 1, 0, 1, init)
                .add(Dropout.builder().optRate(0.5f).build());
        AsppConcat aspp = new AsppConcat(branches, project);

        SequentialBlock reduce = convBnRelu(spec.channels(1), widths.lowLevel(), 1, 0, 1, init);
        SequentialBlock fuse = convBnRelu(widths.aspp() + widths.lowLevel(), widths.decoder(), 3, 1, 1, init)
                .add(Dropout.builder().optRate(0.5f).build());
        fuse.add(Bottlenecks.conv(widths.decoder(), widths.decoder(), 3, 1, 1, 1, false, init))
                .add(new BatchNorm2d(widths.decoder())).add(new Relu());
        Decoder decoder = new Decoder(reduce, new BilinearUpsample(true), fuse, Dropout.builder().optRate(0.1f).build(),
                Bottlenecks.conv(widths.decoder(), numClasses, 1, 1, 0, 1, true, init));
        DeepLabV3PlusNet net = new DeepLabV3PlusNet(trunk, aspp, decoder);
        Set<String> frozen = DeepLabV2.freezeBatchNormAffine(net, options.batchNormAffine());
        return new Segmenter(architecture, Family.DEEPLAB_V3PLUS, net, numClasses, List.of(DeepLabV3PlusNet.MAIN),
                List.of("decoder.classifier"), List.of(DeepLabV3PlusNet.MAIN),
                List.of(DeepLabV3PlusNet.MAIN, DeepLabV3PlusNet.FEATURES), OUTPUT_STRIDE, List.of("aspp", "decoder"),
                frozen, options);
    }

    private static SequentialBlock convBnRelu(int in, int out, int kernel, int padding, int dilation, Initializer init) {
        return new SequentialBlock().add(Bottlenecks.conv(in, out, kernel, 1, padding, dilation, false, init))
                .add(new BatchNorm2d(out)).add(new Relu());
    }
}
