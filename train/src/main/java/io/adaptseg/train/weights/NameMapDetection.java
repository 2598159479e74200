package io.adaptseg.train.weights;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.train.model.Family;
import io.adaptseg.train.model.Segmenter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recognises which published layout a weight file has from its tensor names (and, for DeepLab-v2 heads,
 * their input channels), and checks that a DeepLab-v2 file's heads sit where the network's do.
 */
final class NameMapDetection {
    /** A detected map and the evidence, for the import report. */
    record Detected(NameMap map, String why) {
    }

    private static final String HEAD_WEIGHT = ".conv2d_list.0.weight";

    private NameMapDetection() {
    }

    /** The map whose names the file has. */
    static Detected detect(List<FileTensor> tensors) {
        Map<String, long[]> shapes = new HashMap<>();
        for (FileTensor t : tensors) {
            shapes.put(t.name(), t.shape());
        }
        boolean scale = shapes.keySet().stream().anyMatch(n -> n.startsWith("Scale."));
        if (scale) {
            long[] layer5 = shapes.get("Scale.layer5" + HEAD_WEIGHT);
            boolean layer6 = shapes.keySet().stream().anyMatch(n -> n.startsWith("Scale.layer6."));
            if (!layer6 && layer5 != null && layer5[0] == 21) {
                return new Detected(NameMap.DEEPLAB_V2_COCO_INIT, "'Scale.' prefix, a 21-class layer5 and no layer6:"
                        + " the DeepLab-v2 COCO initialisation");
            }
            return new Detected(NameMap.DEEPLAB_V2_REFERENCE, "'Scale.' prefix with trained heads");
        }
        if (shapes.containsKey("backbone.conv1.weight") || shapes.keySet().stream().anyMatch(n -> n.startsWith("aspp.aspp1."))) {
            return new Detected(NameMap.CAG, "'backbone.', 'aspp.aspp1.' and 'decoder.last_conv.' names of CAG_UDA's"
                    + " DeepLab-v3+");
        }
        if (shapes.containsKey("layer5" + HEAD_WEIGHT) || shapes.containsKey("layer6" + HEAD_WEIGHT)) {
            return new Detected(NameMap.DEEPLAB_V2_REFERENCE, "DeepLab-v2 heads layer5/layer6 ("
                    + fileLayout(shapes).map(l -> l + " layout").orElse("unknown layout") + ")");
        }
        if (shapes.keySet().stream().anyMatch(n -> n.startsWith("aspp.branches.") || n.startsWith("decoder.classifier."))) {
            return new Detected(NameMap.OURS, "adaptseg's own DeepLab-v3+ names");
        }
        if (shapes.containsKey("fc.weight")) {
            return new Detected(NameMap.TORCHVISION, "a ResNet trunk with the ImageNet classifier fc");
        }
        return new Detected(NameMap.OURS, "no head names recognised; names taken as they are");
    }

    /**
     * The DeepLab-v2 head layout of a file, from where its heads sit: {@code multi} (layer5 on layer3's
     * channels, layer6 on layer4's), {@code clan} (both on layer4), {@code single} (layer5 only).
     */
    static Optional<String> fileLayout(Map<String, long[]> shapes) {
        long[] l5 = shapes.get("layer5" + HEAD_WEIGHT);
        long[] l6 = shapes.get("layer6" + HEAD_WEIGHT);
        if (l5 != null && l6 != null) {
            return Optional.of(l5[1] == l6[1] ? "clan" : l5[1] * 2 == l6[1] ? "multi" : "unknown");
        }
        return l5 != null ? Optional.of("single") : Optional.empty();
    }

    /**
     * Throws when a DeepLab-v2 file's heads are laid out differently from the network's, naming the
     * architecture that fits: a CLAN file in a multi-level network would otherwise fail on the first
     * shape, with no hint why.
     */
    static void requireSameLayout(Path file, Segmenter segmenter, Map<String, long[]> oursShapes)
            throws AdaptsegException {
        if (segmenter.family() != Family.DEEPLAB_V2) {
            return;
        }
        Optional<String> have = fileLayout(oursShapes);
        String arch = segmenter.architecture();
        String want = arch.substring(arch.lastIndexOf('-') + 1);
        if (have.isEmpty() || have.get().equals(want) || have.get().equals("unknown")) {
            return;
        }
        throw new AdaptsegException(file + ": the weights have the " + describe(have.get()) + " but " + arch
                + " has the " + describe(want) + "; use " + arch.substring(0, arch.lastIndexOf('-') + 1) + have.get());
    }

    private static String describe(String layout) {
        return switch (layout) {
            case "multi" -> "multi-level head layout (layer5 on layer3, layer6 on layer4: AdaptSegNet, MaxSquare)";
            case "clan" -> "CLAN head layout (layer5 and layer6 both on layer4)";
            case "single" -> "single head layout (layer5 on layer4)";
            default -> layout + " head layout";
        };
    }
}
