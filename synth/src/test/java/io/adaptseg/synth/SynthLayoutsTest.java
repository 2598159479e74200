package io.adaptseg.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.dataset.*;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic generator's output read back through the dataset layouts and label decoders. */
class SynthLayoutsTest {
    @TempDir
    Path out;

    @Test
    void everyGeneratedLayoutListsAndDecodes() throws Exception {
        SynthConfig config = new SynthConfig(3, 32, 64, 3, 2, 2, EnumSet.allOf(SynthDataset.class), 1);
        SynthGenerator.Report report = SynthGenerator.generate(config, out, false, n -> { });
        Map<SynthDataset, Path> folders = report.datasets().stream()
                .collect(Collectors.toMap(SynthGenerator.Written::dataset, SynthGenerator.Written::folder));

        assertDecodes(PairedFolderLayout.gta5(folders.get(SynthDataset.GTA5)), 3);
        assertDecodes(PairedFolderLayout.synthia(folders.get(SynthDataset.SYNTHIA)), 3);
        Path cityscapes = folders.get(SynthDataset.CITYSCAPES);
        assertDecodes(new CityscapesLayout(cityscapes, "train", true), 2);
        assertDecodes(new CityscapesLayout(cityscapes, "val", true), 2);
        Path lists = out.resolve("cityscapes_list");
        assertDecodes(new ListFileLayout(cityscapes.resolve("leftImg8bit/val"), lists.resolve("val.txt"),
                cityscapes.resolve("gtFine/val"), lists.resolve("label.txt"), LabelDecoder.LABEL_IDS), 2);
        assertEquals(2, ListFileLayout.images(cityscapes.resolve("leftImg8bit/train"), lists.resolve("train.txt"))
                .samples().size());
    }

    private static void assertDecodes(DatasetLayout layout, int expected) throws Exception {
        List<Sample> samples = layout.samples();
        assertEquals(expected, samples.size(), layout.describe());
        LabelDecoder decoder = layout.labelDecoder().orElseThrow();
        int[] buffer = null;
        for (Sample s : samples) {
            int[] values = decoder.read(s.requireLabel(), buffer).values();
            buffer = values;
            for (int v : values) {
                assertTrue(v == 255 || (v >= 0 && v < 19), layout.describe() + ": " + v);
            }
        }
    }
}
