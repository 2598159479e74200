package io.adaptseg.train.weights;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The initialisation files the reference configs name in {@code restore-from}, and where the reference
 * repositories publish them, so that a missing one is reported with what it is and where to get it
 * (adaptseg itself never downloads anything).
 */
public final class PublishedWeights {
    /** A published file: its name, what it is and where it is published. */
    public record Known(String fileName, String what, String where) {
    }

    /** The files the configs in {@code configs/} name. */
    public static final List<Known> KNOWN = List.of(
            new Known("DeepLab_resnet_pretrained_init-f81d91e8.pth",
                    "the DeepLab-v2 ResNet-101 COCO initialisation that AdaptSegNet, CLAN and MaxSquare train from",
                    "AdaptSegNet's training script downloads it from"
                            + " http://vllab.ucmerced.edu/ytsai/CVPR18/DeepLab_resnet_pretrained_init-f81d91e8.pth"
                            + " (github.com/wasidennis/AdaptSegNet); CLAN keeps it as ./model/, MaxSquare as"
                            + " ./pretrained_model/"),
            new Known("resnet101-5d3b4d8f.pth",
                    "the torchvision ResNet-101 ImageNet weights that CAG's DeepLab-v3+ starts from",
                    "https://download.pytorch.org/models/resnet101-5d3b4d8f.pth (CAG_UDA loads it through"
                            + " torch.utils.model_zoo)"));

    private PublishedWeights() {
    }

    /** What a (missing) file is and where it is published, when its name is one of {@link #KNOWN}. */
    public static Optional<Known> of(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        return KNOWN.stream().filter(k -> k.fileName().equals(name)).findFirst();
    }

    /** The message for a {@code restore-from} file that does not exist. */
    public static String missingMessage(String origin, Path file) {
        return of(file).map(k -> origin + ": restore-from " + file + " does not exist: it is " + k.what() + "; "
                        + k.where() + ". Put it there or set restore-from to where it is (restore-from= to start from"
                        + " scratch)")
                .orElse(origin + ": restore-from " + file + " does not exist (a weight file: .pth, .pt, .pkl, .npz or"
                        + " .safetensors, or a checkpoint directory)");
    }
}
