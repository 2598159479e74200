package io.adaptseg.train.weights;

import io.adaptseg.train.model.Family;
import java.util.Optional;

/**
 * How tensor names in a weight file relate to our parameter names (the PyTorch state-dict names of the
 * equivalent module, see {@code ParameterNames}). PyTorch's {@code num_batches_tracked} counters are
 * ignored by every map.
 * <ul>
 *   <li>{@link #OURS}: identical names; every parameter of every family. Exact round trip.</li>
 *   <li>{@link #TORCHVISION}: a torchvision {@code resnet50/101} state dict ({@code conv1.weight},
 *       {@code bn1.*}, {@code layer3.5.conv2.weight}, {@code layer1.0.downsample.0.weight} …). Same names
 *       as ours for the trunk; the file has no segmentation heads (they stay initialised and are reported
 *       missing) and its {@code fc.*} tensors are reported unexpected. Export writes the trunk only.</li>
 *   <li>{@link #DEEPLAB_V2_REFERENCE}: the DeepLab-v2 checkpoints of AdvNet/CLAN/MaxSquare, whose names
 *       carry a {@code Scale.} prefix in the original init file ({@code Scale.layer5.conv2d_list.0.weight})
 *       and none in the trained ones; heads are {@code layer5}/{@code layer6}. Import accepts both, export
 *       writes the prefix. DeepLab-v2 only.</li>
 * </ul>
 */
public enum NameMap {
    OURS,
    TORCHVISION,
    DEEPLAB_V2_REFERENCE;

    private static final String SCALE = "Scale.";

    /** Our name for a file's tensor name, or empty when the tensor is one that is always ignored. */
    public Optional<String> toOurs(String fileName) {
        if (fileName.endsWith("num_batches_tracked")) {
            return Optional.empty();
        }
        if (this == DEEPLAB_V2_REFERENCE && fileName.startsWith(SCALE)) {
            return Optional.of(fileName.substring(SCALE.length()));
        }
        return Optional.of(fileName);
    }

    /** The file name for one of our parameters, or empty when this map does not carry it. */
    public Optional<String> toFile(String ourName) {
        return switch (this) {
            case OURS -> Optional.of(ourName);
            case TORCHVISION -> isTrunk(ourName) ? Optional.of(ourName) : Optional.empty();
            case DEEPLAB_V2_REFERENCE -> Optional.of(SCALE + ourName);
        };
    }

    /** Whether this map applies to a network family. */
    public boolean supports(Family family) {
        return this != DEEPLAB_V2_REFERENCE || family == Family.DEEPLAB_V2;
    }

    /** Parses {@code ours}, {@code torchvision}, {@code deeplabv2-reference}. */
    public static NameMap parse(String value) {
        for (NameMap m : values()) {
            if (m.id().equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown name map '" + value + "', expected ours, torchvision or"
                + " deeplabv2-reference");
    }

    /** The option spelling. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace("deeplab_v2_", "deeplabv2-");
    }

    private static boolean isTrunk(String name) {
        return name.startsWith("conv1.") || name.startsWith("bn1.") || name.matches("layer[1-4]\\..*");
    }
}
