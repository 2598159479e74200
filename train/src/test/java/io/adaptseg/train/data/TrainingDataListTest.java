package io.adaptseg.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.dataset.Sample;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code data-list}: a GTA5 list restricts and orders the source set, in our path form or in
 * MaxSquare's bare image numbers ({@code datasets/gta5_list/train.txt}: {@code 1} is {@code 00001.png});
 * a missing list is an error that names the key, the file and where the reference lists come from.
 */
class TrainingDataListTest {
    private static Path gta5(Path root, int n) throws Exception {
        for (int i = 1; i <= n; i++) {
            String name = String.format("%05d.png", i);
            PngCodec.writeRgb(Files.createDirectories(root.resolve("images")).resolve(name),
                    new RgbImage(4, 2, new byte[4 * 2 * 3]));
            PngCodec.writeLabels8(Files.createDirectories(root.resolve("labels")).resolve(name),
                    new LabelImage(4, 2, new int[] {7, 7, 8, 8, 7, 7, 8, 8}));
        }
        return root;
    }

    @Test
    void maxSquaresNumberedListSelectsThoseImagesInItsOrder(@TempDir Path dir) throws Exception {
        Path root = gta5(dir.resolve("GTA5"), 5);
        Path list = Files.writeString(dir.resolve("train.txt"), "4\n2\n\n00005.png\n");
        TrainingData data = TrainingData.open("gta5", root, "train", Optional.of(list), true, "data-dir");
        assertEquals(java.util.List.of("00004.png", "00002.png", "00005.png"),
                data.samples().stream().map(Sample::image).map(p -> p.getFileName().toString()).toList());
        assertEquals(5, TrainingData.open("gta5", root, "train", Optional.empty(), true, "data-dir").samples().size());

        Files.writeString(list, "4\n9\n");
        var e = assertThrows(AdaptsegException.class,
                () -> TrainingData.open("gta5", root, "train", Optional.of(list), true, "data-dir"));
        assertTrue(e.getMessage().startsWith("data-dir: " + list + " names 9, which is not an image of"), e.getMessage());
    }

    @Test
    void aMissingListNamesTheFileAndWhereTheReferenceListsAre(@TempDir Path dir) throws Exception {
        Path root = gta5(dir.resolve("GTA5"), 2);
        Path list = dir.resolve("gta5_list/train.txt");
        var e = assertThrows(AdaptsegException.class,
                () -> TrainingData.open("gta5", root, "train", Optional.of(list), true, "data-dir"));
        assertEquals("data-dir: the list file " + list + " does not exist (the reference GTA5 splits, e.g."
                + " MaxSquare's 12,403-image train list, are datasets/gta5_list/*.txt of"
                + " github.com/ZJULearning/MaxSquareLoss; see docs/fidelity.md)", e.getMessage());
        Files.createDirectories(list);
        e = assertThrows(AdaptsegException.class,
                () -> TrainingData.open("gta5", root, "train", Optional.of(list), true, "data-dir"));
        assertTrue(e.getMessage().contains(list + " is not a file"), e.getMessage());
    }
}
