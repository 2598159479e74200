package io.adaptseg.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.core.labels.IdMaps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColourBaselineTest {
    /**
     * The domain gap without a network: fitted on source labels, the colour classifier is clearly
     * less accurate on the target than on held-out source images.
     */
    @Test
    void colourBaselineLosesAccuracyFromSourceToTarget(@TempDir Path dir) throws Exception {
        SynthConfig config = new SynthConfig(11, 96, 192, 16, 0, 8, EnumSet.of(SynthDataset.GTA5, SynthDataset.CITYSCAPES), 2);
        SynthGenerator.generate(config, dir, false, n -> { });
        List<Path> images = new ArrayList<>();
        List<Path> labels = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            images.add(dir.resolve(String.format("gta5/images/%05d.png", i)));
            labels.add(dir.resolve(String.format("gta5/labels/%05d.png", i)));
        }
        ColourBaseline model = ColourBaseline.fit(images, labels, IdMaps.CITYSCAPES_LABELID_TO_TRAINID);

        long[] source = new long[2];
        for (int i = 13; i <= 16; i++) {
            add(source, model, dir.resolve(String.format("gta5/images/%05d.png", i)), dir.resolve(String.format("gta5/labels/%05d.png", i)));
        }
        long[] target = new long[2];
        for (String line : Files.readAllLines(dir.resolve("cityscapes_list/val.txt"))) {
            String gt = line.replace("_leftImg8bit.png", "_gtFine_labelIds.png");
            add(target, model, dir.resolve("cityscapes/leftImg8bit/val").resolve(line), dir.resolve("cityscapes/gtFine/val").resolve(gt));
        }
        double sourceAccuracy = (double) source[0] / source[1];
        double targetAccuracy = (double) target[0] / target[1];
        System.out.printf("colour baseline pixel accuracy: source val %.3f, target val %.3f%n", sourceAccuracy, targetAccuracy);
        assertTrue(sourceAccuracy > 0.5, "the baseline learns the source: " + sourceAccuracy);
        assertTrue(targetAccuracy < sourceAccuracy - 0.2, "domain gap: source " + sourceAccuracy + " target " + targetAccuracy);
        assertTrue(targetAccuracy > 0.05, "the target is not pure noise to it: " + targetAccuracy);
    }

    private static void add(long[] acc, ColourBaseline model, Path image, Path labelIds) throws AdaptsegException {
        LabelImage raw = PngCodec.readLabels(labelIds);
        LabelImage truth = new LabelImage(raw.width(), raw.height(), SynthGeneratorTest.toTrainIds(raw, IdMaps.CITYSCAPES_LABELID_TO_TRAINID));
        long[] k = ColourBaseline.pixelAccuracyCounts(model.predict(PngCodec.readRgb(image)), truth);
        acc[0] += k[0];
        acc[1] += k[1];
    }

    @Test
    void predictsTheNearestClassMean() {
        RgbImage image = new RgbImage(2, 2, new byte[] {(byte) 200, 0, 0, (byte) 200, 0, 0, 0, 0, (byte) 200, 0, 0, (byte) 200});
        LabelImage labels = new LabelImage(2, 2, new int[] {7, 7, 13, 255});
        ColourBaseline model = ColourBaseline.fitter().add(image, labels).fit();
        assertEquals(0xc80000, model.meanColour(7));
        assertEquals(0x0000c8, model.meanColour(13));
        assertEquals(-1, model.meanColour(0));
        RgbImage probe = new RgbImage(2, 1, new byte[] {(byte) 180, 20, 0, 10, 0, (byte) 170});
        // row matters too, but colour dominates here
        LabelImage p = model.predict(probe);
        assertEquals(7, p.values()[0]);
        assertEquals(13, p.values()[1]);
        long[] counts = ColourBaseline.pixelAccuracyCounts(model.predict(image), labels);
        assertEquals(3, counts[1], "the ignore pixel is not counted");
        assertEquals(3, counts[0]);
    }

    @Test
    void writesTrainIdPredictionsForAFolder(@TempDir Path dir) throws Exception {
        SynthConfig config = new SynthConfig(2, 32, 64, 2, 0, 2, EnumSet.of(SynthDataset.GTA5, SynthDataset.CITYSCAPES), 1);
        SynthGenerator.generate(config, dir.resolve("data"), false, n -> { });
        ColourBaseline model = ColourBaseline.fit(List.of(dir.resolve("data/gta5/images/00001.png")),
                List.of(dir.resolve("data/gta5/labels/00001.png")), IdMaps.CITYSCAPES_LABELID_TO_TRAINID);
        List<Path> written = model.predictFolder(dir.resolve("data/cityscapes/leftImg8bit/val"), dir.resolve("pred"));
        assertEquals(List.of(dir.resolve("pred/eastholm_000000_000019_leftImg8bit.png"), dir.resolve("pred/fairhaven_000000_000019_leftImg8bit.png")), written);
        LabelImage pred = PngCodec.readLabels(written.get(0));
        assertEquals(64, pred.width());
        for (int v : pred.values()) {
            assertTrue(v >= 0 && v < 19, "trainId " + v);
        }
        AdaptsegException empty = assertThrows(AdaptsegException.class, () -> model.predictFolder(dir.resolve("pred").resolve("none"), dir.resolve("x")));
        assertTrue(empty.getMessage().contains("none"), empty.getMessage());
    }

    @Test
    void rejectsLabelValuesTheDatasetNeverUses(@TempDir Path dir) throws Exception {
        Path image = dir.resolve("img.png");
        Path label = dir.resolve("lab.png");
        PngCodec.writeRgb(image, new RgbImage(2, 1, new byte[6]));
        PngCodec.writeLabels8(label, new LabelImage(2, 1, new int[] {7, 77}));
        AdaptsegException e = assertThrows(AdaptsegException.class,
                () -> ColourBaseline.fit(List.of(image), List.of(label), IdMaps.CITYSCAPES_LABELID_TO_TRAINID));
        assertTrue(e.getMessage().contains("lab.png") && e.getMessage().contains("77"), e.getMessage());
    }
}
