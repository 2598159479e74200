package io.adaptseg.export.parity;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.dataset.CityscapesLayout;
import io.adaptseg.core.dataset.DatasetLayout;
import io.adaptseg.core.dataset.LabelDecoder;
import io.adaptseg.core.dataset.PairedFolderLayout;
import io.adaptseg.core.dataset.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The images and ground truth that parity scores, read through core's dataset layouts in one of two
 * forms:
 * <ul>
 *   <li>Cityscapes ({@link CityscapesLayout#labelled}): {@code DIR/leftImg8bit/<split>/<city>/*_leftImg8bit.png}
 *       with {@code DIR/gtFine/<split>/<city>/*_gtFine_labelIds.png} (labelIds), or
 *       {@code *_gtFine_labelTrainIds.png} (trainIds) when there are no labelId files;
 *   <li>folders ({@link PairedFolderLayout}): {@code DIR/images/*.png} with {@code DIR/labels/*.png} of
 *       the same name, holding Cityscapes trainIds (255 = ignore).
 * </ul>
 * Every image needs its ground truth and every ground truth its image; the error names each
 * unpaired file and the file it lacks.
 *
 * @param root the {@code --data} folder
 * @param layout how reports name the form: {@code cityscapes/<split>} or {@code folders}
 * @param gtFormat how the ground-truth files store labels
 * @param samples the labelled samples, in the layout's order
 */
public record LabelledDataset(Path root, String layout, LabelDecoder gtFormat, List<Sample> samples) {
    public LabelledDataset {
        samples = List.copyOf(samples);
    }

    /**
     * Finds the samples under {@code root}; {@code split} names the Cityscapes split folder.
     *
     * @throws AdaptsegException naming the folder or file when neither form is there, a folder is
     *     missing or empty, or a file is unpaired
     */
    public static LabelledDataset open(Path root, String split) throws AdaptsegException {
        if (!Files.isDirectory(root)) {
            throw new AdaptsegException("--data " + root + " does not exist or is not a folder");
        }
        if (Files.isDirectory(root.resolve("leftImg8bit"))) {
            return of(root, "cityscapes/" + split, CityscapesLayout.labelled(root, split));
        }
        if (Files.isDirectory(root.resolve("images")) && Files.isDirectory(root.resolve("labels"))) {
            return of(root, "folders",
                    new PairedFolderLayout("folders", root, "images", "labels", LabelDecoder.TRAIN_IDS));
        }
        throw new AdaptsegException("--data " + root + " has neither leftImg8bit/<split> + gtFine/<split>"
                + " (Cityscapes) nor images/ + labels/ folders");
    }

    private static LabelledDataset of(Path root, String name, DatasetLayout layout) throws AdaptsegException {
        return new LabelledDataset(root, name, layout.labelDecoder().orElseThrow(), layout.samples());
    }
}
