package io.adaptseg.train.weights;

import io.adaptseg.train.model.Family;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How tensor names in a weight file relate to our parameter names (the PyTorch state-dict names of the
 * equivalent module, see {@code ParameterNames}). PyTorch's {@code num_batches_tracked} counters are
 * ignored by every map. The maps, their sources and full tables are in {@code docs/weights.md}.
 * <ul>
 *   <li>{@link #OURS}: identical names; every parameter of every family. Exact round trip.</li>
 *   <li>{@link #TORCHVISION}: a torchvision {@code resnet50/101} state dict ({@code conv1.weight},
 *       {@code layer1.0.downsample.0.weight} …): the trunk has our names; its {@code fc.*} are
 *       unexpected and the heads stay initialised (missing). Export writes the trunk only.</li>
 *   <li>{@link #DEEPLAB_V2_REFERENCE}: the DeepLab-v2 checkpoints AdaptSegNet, CLAN and MaxSquare publish
 *       (heads {@code layer5}/{@code layer6}; an optional {@code Scale.} prefix). Export writes the prefix.</li>
 *   <li>{@link #DEEPLAB_V2_COCO_INIT}: {@code DeepLab_resnet_pretrained_init-f81d91e8.pth}, the COCO
 *       initialisation all three start from: {@code Scale.} prefix, and its {@code layer5} (a 21-class
 *       classifier on layer4) is skipped, as the reference training scripts skip it.</li>
 *   <li>{@link #CAG}: CAG_UDA's DeepLab-v3+ ({@code backbone.*}, {@code aspp.aspp1.atrous_conv.weight},
 *       {@code aspp.global_avg_pool.1.weight}, {@code decoder.last_conv.8.weight} …).</li>
 * </ul>
 */
public enum NameMap {
    OURS("ours", List.of()),
    TORCHVISION("torchvision", List.of()),
    DEEPLAB_V2_REFERENCE("deeplabv2-reference", List.of(new Rename("Scale.", ""))),
    DEEPLAB_V2_COCO_INIT("deeplabv2-coco-init", List.of(new Rename("Scale.", ""))),
    CAG("cag", cagRenames());

    /** A prefix of file names and the prefix it stands for in ours; first match wins in both directions. */
    record Rename(String file, String ours) {
    }

    /** What a map does with one file tensor. */
    public sealed interface Mapping {
        /** Load it into our parameter {@code name}. */
        record To(String name) implements Mapping {
        }

        /** A counter every map ignores ({@code num_batches_tracked}). */
        record Ignore() implements Mapping {
        }

        /** Deliberately not loaded, for the reason given. */
        record Skip(String reason) implements Mapping {
        }
    }

    private static final String SCALE = "Scale.";
    private final String id;
    private final List<Rename> renames;

    NameMap(String id, List<Rename> renames) {
        this.id = id;
        this.renames = renames;
    }

    /** What to do with a file's tensor name. */
    public Mapping map(String fileName) {
        if (fileName.endsWith("num_batches_tracked")) {
            return new Mapping.Ignore();
        }
        if (this == DEEPLAB_V2_COCO_INIT && fileName.startsWith(SCALE + "layer5.")) {
            return new Mapping.Skip("the COCO init's layer5 is its 21-class classifier; the reference scripts skip it");
        }
        for (Rename r : renames) {
            if (fileName.startsWith(r.file())) {
                return new Mapping.To(r.ours() + fileName.substring(r.file().length()));
            }
        }
        return new Mapping.To(fileName);
    }

    /** Our name for a file's tensor name, or empty when the map ignores or skips the tensor. */
    public Optional<String> toOurs(String fileName) {
        return map(fileName) instanceof Mapping.To to ? Optional.of(to.name()) : Optional.empty();
    }

    /** The file name for one of our parameters, or empty when this map does not carry it. */
    public Optional<String> toFile(String ourName) {
        return switch (this) {
            case OURS -> Optional.of(ourName);
            case TORCHVISION -> isTrunk(ourName) ? Optional.of(ourName) : Optional.empty();
            case DEEPLAB_V2_REFERENCE -> Optional.of(SCALE + ourName);
            case DEEPLAB_V2_COCO_INIT -> ourName.startsWith("layer6.") || ourName.startsWith("layer5.")
                    ? Optional.empty() : Optional.of(SCALE + ourName);
            case CAG -> {
                for (Rename r : renames) {
                    if (ourName.startsWith(r.ours())) {
                        yield Optional.of(r.file() + ourName.substring(r.ours().length()));
                    }
                }
                yield Optional.of(ourName);
            }
        };
    }

    /** Whether this map applies to a network family. */
    public boolean supports(Family family) {
        return switch (this) {
            case OURS, TORCHVISION -> true;
            case DEEPLAB_V2_REFERENCE, DEEPLAB_V2_COCO_INIT -> family == Family.DEEPLAB_V2;
            case CAG -> family == Family.DEEPLAB_V3PLUS;
        };
    }

    /**
     * Parses a map name: {@code ours}, {@code torchvision}, {@code deeplabv2-reference} (also
     * {@code adaptsegnet}, {@code clan}, {@code maxsquare}), {@code deeplabv2-coco-init} (also {@code coco}),
     * {@code cag}.
     */
    public static NameMap parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "adaptsegnet", "clan", "maxsquare" -> {
                return DEEPLAB_V2_REFERENCE;
            }
            case "coco" -> {
                return DEEPLAB_V2_COCO_INIT;
            }
            default -> {
                for (NameMap m : values()) {
                    if (m.id.equals(v)) {
                        return m;
                    }
                }
            }
        }
        throw new IllegalArgumentException("unknown name map '" + value + "', expected one of " + ids()
                + " (or adaptsegnet, clan, maxsquare, coco)");
    }

    /** Every map's option spelling. */
    public static List<String> ids() {
        return java.util.Arrays.stream(values()).map(NameMap::id).toList();
    }

    /** The option spelling. */
    public String id() {
        return id;
    }

    private static boolean isTrunk(String name) {
        return name.startsWith("conv1.") || name.startsWith("bn1.") || name.matches("layer[1-4]\\..*");
    }

    /**
     * CAG_UDA's DeepLab-v3+ (pytorch-deeplab-xception modules) against ours: ASPP branches
     * {@code aspp1..aspp4} and the pooling branch, the projection, the decoder's reduction and its
     * {@code last_conv} sequence (indices 2, 3, 6, 7 are ReLU/dropout without parameters).
     */
    private static List<Rename> cagRenames() {
        List<Rename> r = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            r.add(new Rename("aspp.aspp" + (i + 1) + ".atrous_conv.", "aspp.branches." + i + ".0."));
            r.add(new Rename("aspp.aspp" + (i + 1) + ".bn.", "aspp.branches." + i + ".1."));
        }
        r.add(new Rename("aspp.global_avg_pool.1.", "aspp.branches.4.conv."));
        r.add(new Rename("aspp.global_avg_pool.2.", "aspp.branches.4.bn."));
        r.add(new Rename("aspp.conv1.", "aspp.project.0."));
        r.add(new Rename("aspp.bn1.", "aspp.project.1."));
        r.add(new Rename("decoder.conv1.", "decoder.reduce.0."));
        r.add(new Rename("decoder.bn1.", "decoder.reduce.1."));
        for (int i : new int[] {0, 1, 4, 5}) {
            r.add(new Rename("decoder.last_conv." + i + ".", "decoder.fuse." + i + "."));
        }
        r.add(new Rename("decoder.last_conv.8.", "decoder.classifier."));
        r.add(new Rename("backbone.", ""));
        return List.copyOf(r);
    }
}
