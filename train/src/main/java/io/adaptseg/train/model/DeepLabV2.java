package io.adaptseg.train.model;

import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import io.adaptseg.train.model.blocks.AsppSum;
import io.adaptseg.train.model.blocks.DeepLabV2Net;
import io.adaptseg.train.model.blocks.ResNetTrunk;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds DeepLab-v2 as in AdvNet/CLAN/MaxSquare: Caffe-style bottlenecks, max pool with ceil mode,
 * layer3 dilation 2 and layer4 dilation 4 (output stride 8), ASPP-sum classifiers with rates 6, 12, 18,
 * 24 initialised normal(0, 0.01); backbone convs He-normal (fan out); BN scale 1, shift 0.
 */
public final class DeepLabV2 {
    /** Dilation (= padding) of the four ASPP branches. */
    public static final List<Integer> ASPP_RATES = List.of(6, 12, 18, 24);
    static final int OUTPUT_STRIDE = 8;

    private DeepLabV2() {
    }

    /** A new, uninitialised DeepLab-v2 segmenter. */
    public static Segmenter create(String architecture, ResNetSpec spec, HeadLayout layout, int numClasses,
            SegmenterOptions options) {
        ResNetTrunk trunk = Bottlenecks.trunk(spec, Bottlenecks.Style.CAFFE, true, new int[] {1, 2, 1, 1},
                layerAndBlock -> switch (layerAndBlock / 100) {
                    case 3 -> 2;
                    case 4 -> 4;
                    default -> 1;
                });
        List<AsppSum> classifiers = new ArrayList<>();
        List<String> heads = new ArrayList<>();
        List<String> modules = new ArrayList<>();
        for (DeepLabV2Net.Head head : layout.heads()) {
            classifiers.add(classifier(spec.channels(head.tapLayer()), numClasses, options.asppBranches()));
            heads.add(head.name());
            modules.add(head.module());
        }
        DeepLabV2Net net = new DeepLabV2Net(trunk, layout.heads(), classifiers);
        Set<String> frozen = freezeBatchNormAffine(net, options.batchNormAffine());
        return new Segmenter(architecture, Family.DEEPLAB_V2, net, numClasses, heads, modules,
                layout.evaluationHeads(), heads, OUTPUT_STRIDE, modules, frozen, options);
    }

    /** The reference {@code Classifier_Module}: four dilated 3×3 convs with bias, the first {@code summed} summed. */
    static AsppSum classifier(int inChannels, int numClasses, int summed) {
        List<Conv2d> convs = new ArrayList<>();
        for (int rate : ASPP_RATES) {
            convs.add(Bottlenecks.conv(inChannels, numClasses, 3, 1, rate, rate, true, Initializers.normal(0.01)));
        }
        return new AsppSum(convs, summed);
    }

    /** Freezes the BatchNorm scales and shifts of {@code net} that {@code affine} says; returns their names. */
    static Set<String> freezeBatchNormAffine(ai.djl.nn.Block net, BatchNormAffine affine) {
        Set<String> frozen = new HashSet<>();
        if (affine == BatchNormAffine.TRAINED) {
            return frozen;
        }
        ParameterNames.of(net).forEach((name, p) -> {
            boolean bn = p.getType() == Parameter.Type.GAMMA || p.getType() == Parameter.Type.BETA;
            // MaxSquare graphs/models/deeplab_multi.py:76: only the stem's bn1 has requires_grad = False
            if (bn && (affine == BatchNormAffine.FROZEN || name.startsWith("bn1."))) {
                p.freeze(true);
                frozen.add(name);
            }
        });
        return frozen;
    }
}
