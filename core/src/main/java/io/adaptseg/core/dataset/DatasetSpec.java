package io.adaptseg.core.dataset;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A dataset as a config or command line names it; {@link #open()} makes its layout. Fields a kind
 * does not use stay null.
 *
 * @param kind the layout
 * @param root the dataset folder (cityscapes, gta5, synthia), the image folder (folder), or the folder
 *     the image list is relative to (list)
 * @param split cityscapes only: "train", "val", "test"
 * @param labels whether to pair labels (cityscapes; list files with a label format)
 * @param imageList list only: train.txt / val.txt
 * @param labelRoot list only: the folder label entries are relative to (null: {@code root})
 * @param labelList list only: label.txt, or null
 * @param labelFormat list only: how its labels decode, null when unlabelled
 */
public record DatasetSpec(DatasetKind kind, Path root, String split, boolean labels, Path imageList, Path labelRoot,
        Path labelList, LabelDecoder labelFormat) {
    public DatasetSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(root, "root");
        if (kind == DatasetKind.CITYSCAPES && (split == null || split.isBlank())) {
            throw new IllegalArgumentException("a cityscapes dataset needs a split (train, val or test)");
        }
        if (kind == DatasetKind.LIST && imageList == null) {
            throw new IllegalArgumentException("a list dataset needs an image list (train.txt or val.txt)");
        }
        if (kind == DatasetKind.LIST && labels && labelFormat == null) {
            throw new IllegalArgumentException("a labelled list dataset needs a label format: "
                    + java.util.Arrays.stream(LabelDecoder.values()).map(LabelDecoder::id).toList());
        }
    }

    /** Cityscapes at {@code root}, one split, with or without labels. */
    public static DatasetSpec cityscapes(Path root, String split, boolean labels) {
        return new DatasetSpec(DatasetKind.CITYSCAPES, root, split, labels, null, null, null, null);
    }

    /** A dataset of a kind that needs only its folder: gta5, synthia, folder. */
    public static DatasetSpec of(DatasetKind kind, Path root) {
        return new DatasetSpec(kind, root, null, kind != DatasetKind.FOLDER, null, null, null, null);
    }

    /** A labelled list dataset; labelList may be null (labels under labelRoot by the image's path). */
    public static DatasetSpec list(Path root, Path imageList, Path labelRoot, Path labelList, LabelDecoder format) {
        return new DatasetSpec(DatasetKind.LIST, root, null, format != null, imageList, labelRoot, labelList, format);
    }

    /** The layout this spec names. */
    public DatasetLayout open() {
        return switch (kind) {
            case CITYSCAPES -> new CityscapesLayout(root, split, labels);
            case GTA5 -> PairedFolderLayout.gta5(root);
            case SYNTHIA -> PairedFolderLayout.synthia(root);
            case FOLDER -> new FolderLayout(root);
            case LIST -> labels
                    ? new ListFileLayout(root, imageList, labelRoot, labelList, labelFormat)
                    : ListFileLayout.images(root, imageList);
        };
    }
}
