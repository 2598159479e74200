package io.adaptseg.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.core.labels.CityscapesClass;
import io.adaptseg.core.labels.IdMap;
import io.adaptseg.core.labels.IdMaps;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthGeneratorTest {
    private static final int H = 64;
    private static final int W = 128;

    @TempDir
    static Path shared;
    private static Path out;
    private static SynthConfig config;

    @BeforeAll
    static void generateOnce() throws Exception {
        out = shared.resolve("synth");
        config = new SynthConfig(7, H, W, 3, 4, 2, EnumSet.allOf(SynthDataset.class), 2);
        SynthGenerator.generate(config, out, false, n -> { });
    }

    private static TreeMap<String, byte[]> contents(Path root) throws IOException {
        TreeMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    @Test
    void sameSeedGivesByteIdenticalFilesWhateverTheThreadCount(@TempDir Path dir) throws Exception {
        SynthGenerator.generate(config.withThreads(1), dir, false, n -> { });
        TreeMap<String, byte[]> a = contents(out);
        TreeMap<String, byte[]> b = contents(dir);
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            assertArrayEquals(a.get(name), b.get(name), name);
        }
    }

    @Test
    void differentSeedGivesDifferentImages() {
        SynthConfig other = new SynthConfig(8, H, W, 3, 4, 2, config.datasets(), 1);
        for (SynthDataset d : SynthDataset.values()) {
            SynthSample s = new SynthSample(d, "train", 0);
            SynthGenerator.Rendered a = SynthGenerator.render(config, s);
            SynthGenerator.Rendered b = SynthGenerator.render(other, s);
            assertFalse(java.util.Arrays.equals(a.image().rgb(), b.image().rgb()), d.id());
            assertFalse(java.util.Arrays.equals(a.trainIds().values(), b.trainIds().values()), d.id());
        }
    }

    @Test
    void anImageDoesNotDependOnHowManyAreGenerated() {
        SynthConfig more = new SynthConfig(7, H, W, 30, 40, 20, config.datasets(), 1);
        SynthSample s = new SynthSample(SynthDataset.CITYSCAPES, "val", 1);
        assertArrayEquals(SynthGenerator.render(config, s).image().rgb(), SynthGenerator.render(more, s).image().rgb());
    }

    @Test
    void layoutsAndNamesAreThoseOfTheRealDatasets() throws Exception {
        Set<String> names = contents(out).keySet();
        for (String expected : List.of(
                "gta5/images/00001.png", "gta5/images/00003.png", "gta5/labels/00001.png", "gta5/labels/00003.png",
                "synthia/RGB/0000000.png", "synthia/RGB/0000002.png", "synthia/GT/LABELS/0000000.png", "synthia/GT/LABELS/0000002.png",
                "cityscapes/leftImg8bit/train/aldermoor/aldermoor_000000_000019_leftImg8bit.png",
                "cityscapes/leftImg8bit/train/dunmere/dunmere_000000_000019_leftImg8bit.png",
                "cityscapes/gtFine/train/aldermoor/aldermoor_000000_000019_gtFine_labelIds.png",
                "cityscapes/gtFine/train/aldermoor/aldermoor_000000_000019_gtFine_color.png",
                "cityscapes/leftImg8bit/val/eastholm/eastholm_000000_000019_leftImg8bit.png",
                "cityscapes/leftImg8bit/val/fairhaven/fairhaven_000000_000019_leftImg8bit.png",
                "cityscapes/gtFine/val/fairhaven/fairhaven_000000_000019_gtFine_labelIds.png",
                "cityscapes/gtFine/val/fairhaven/fairhaven_000000_000019_gtFine_color.png",
                "cityscapes/gtFine/val/fairhaven/fairhaven_000000_000019_gtFine_instanceIds.png",
                "cityscapes/gtFine/train/aldermoor/aldermoor_000000_000019_gtFine_instanceIds.png",
                "cityscapes_list/train.txt", "cityscapes_list/val.txt", "cityscapes_list/label.txt",
                "gta5_list/train.txt", "synthia_list/train.txt", "synth.json")) {
            assertTrue(names.contains(expected), expected + " missing; have " + names);
        }
        // 3 + 3 source pairs, 4 + 2 target quadruples, 5 lists, the manifest
        assertEquals(3 * 2 + 3 * 2 + 6 * 4 + 5 + 1, names.size(), names.toString());
        assertEquals(List.of("aldermoor/aldermoor_000000_000019_leftImg8bit.png", "brightwell/brightwell_000000_000019_leftImg8bit.png",
                "colderton/colderton_000000_000019_leftImg8bit.png", "dunmere/dunmere_000000_000019_leftImg8bit.png"),
                Files.readAllLines(out.resolve("cityscapes_list/train.txt")));
        assertEquals(List.of("eastholm/eastholm_000000_000019_leftImg8bit.png", "fairhaven/fairhaven_000000_000019_leftImg8bit.png"),
                Files.readAllLines(out.resolve("cityscapes_list/val.txt")));
        assertEquals(List.of("eastholm/eastholm_000000_000019_gtFine_labelIds.png", "fairhaven/fairhaven_000000_000019_gtFine_labelIds.png"),
                Files.readAllLines(out.resolve("cityscapes_list/label.txt")));
        assertEquals(List.of("00001.png", "00002.png", "00003.png"), Files.readAllLines(out.resolve("gta5_list/train.txt")));
        assertEquals(List.of("0000000.png", "0000001.png", "0000002.png"), Files.readAllLines(out.resolve("synthia_list/train.txt")));
    }

    @Test
    void pngFormatsMatchTheRealFiles() throws Exception {
        BufferedImage rgb = ImageIO.read(out.resolve("gta5/images/00001.png").toFile());
        assertEquals(W, rgb.getWidth());
        assertEquals(H, rgb.getHeight());
        assertEquals(3, rgb.getRaster().getNumBands());
        BufferedImage gta = ImageIO.read(out.resolve("gta5/labels/00001.png").toFile());
        assertEquals(1, gta.getRaster().getNumBands());
        assertEquals(8, gta.getColorModel().getComponentSize(0));
        BufferedImage synthia = ImageIO.read(out.resolve("synthia/GT/LABELS/0000000.png").toFile());
        assertEquals(3, synthia.getRaster().getNumBands());
        assertEquals(16, synthia.getColorModel().getComponentSize(0));
        BufferedImage cs = ImageIO.read(out.resolve("cityscapes/gtFine/val/eastholm/eastholm_000000_000019_gtFine_labelIds.png").toFile());
        assertEquals(1, cs.getRaster().getNumBands());
        assertEquals(8, cs.getColorModel().getComponentSize(0));
    }

    @Test
    void labelFilesHoldExactlyWhatWasDrawn() throws Exception {
        for (int i = 0; i < 3; i++) {
            SynthGenerator.Rendered gta = SynthGenerator.render(config, new SynthSample(SynthDataset.GTA5, "train", i));
            assertArrayEquals(gta.trainIds().values(), toTrainIds(PngCodec.readLabels(out.resolve("gta5/labels/" + String.format("%05d", i + 1) + ".png")),
                    IdMaps.CITYSCAPES_LABELID_TO_TRAINID));
            assertArrayEquals(gta.image().rgb(), PngCodec.readRgb(out.resolve("gta5/images/" + String.format("%05d", i + 1) + ".png")).rgb());
        }
    }

    @Test
    void synthiaSixteenBitIdsMapBackToTheDrawnTrainIds() throws Exception {
        for (int i = 0; i < 3; i++) {
            SynthSample s = new SynthSample(SynthDataset.SYNTHIA, "train", i);
            LabelImage raw = PngCodec.readLabels(out.resolve("synthia").resolve(s.labelPath()));
            int[] values = raw.values();
            for (int v : values) {
                assertTrue(IdMaps.SYNTHIA_TO_TRAINID.isKnown(v), "SYNTHIA id " + v);
            }
            assertArrayEquals(SynthGenerator.render(config, s).trainIds().values(), toTrainIds(raw, IdMaps.SYNTHIA_TO_TRAINID));
        }
        // the raw ids are SYNTHIA's, not trainIds: sky is 1 and road 3 there
        LabelImage raw = PngCodec.readLabels(out.resolve("synthia/GT/LABELS/0000000.png"));
        int[] drawn = SynthGenerator.render(config, new SynthSample(SynthDataset.SYNTHIA, "train", 0)).trainIds().values();
        int checked = 0;
        for (int i = 0; i < drawn.length; i++) {
            if (drawn[i] == CityscapesClass.SKY.trainId()) {
                assertEquals(1, raw.values()[i], "sky pixel " + i);
                checked++;
            } else if (drawn[i] == CityscapesClass.ROAD.trainId()) {
                assertEquals(3, raw.values()[i], "road pixel " + i);
                checked++;
            }
        }
        assertTrue(checked > drawn.length / 4, "sky and road cover the scene");
    }

    @Test
    void instanceIdsNumberTheObjectsOfEachInstanceClassFromZero() {
        // trainIds: building, car, person, car, car, ignore; canvas instance numbers are scene-wide
        int car = CityscapesClass.CAR.trainId();
        LabelImage train = new LabelImage(6, 1, new int[] {CityscapesClass.BUILDING.trainId(), car, CityscapesClass.PERSON.trainId(),
                car, car, 255});
        LabelImage canvas = new LabelImage(6, 1, new int[] {3, 9, 7, 5, 9, 0});
        assertArrayEquals(new int[] {11, 26001, 24000, 26000, 26001, 0}, SynthGenerator.instanceIds(train, canvas).values());
    }

    @Test
    void instanceFilesUseTheCityscapesEncodingOverTheLabelIds() throws Exception {
        int instancePixels = 0;
        try (Stream<Path> files = Files.walk(out.resolve("cityscapes/gtFine"))) {
            List<Path> instanceFiles = files.filter(p -> p.toString().endsWith("_gtFine_instanceIds.png")).sorted().toList();
            assertEquals(6, instanceFiles.size());
            for (Path file : instanceFiles) {
                assertEquals(16, ImageIO.read(file.toFile()).getColorModel().getComponentSize(0), file.toString());
                int[] inst = PngCodec.readLabels(file).values();
                int[] ids = PngCodec.readLabels(Path.of(file.toString().replace("_instanceIds.png", "_labelIds.png"))).values();
                Map<Integer, Set<Integer>> numbers = new TreeMap<>();
                for (int i = 0; i < ids.length; i++) {
                    int id = ids[i];
                    boolean things = Arrays.stream(CityscapesClass.values()).anyMatch(c -> c.hasInstances() && c.labelId() == id);
                    if (things) {
                        assertEquals(ids[i], inst[i] / 1000, file + " pixel " + i);
                        numbers.computeIfAbsent(ids[i], k -> new TreeSet<>()).add(inst[i] % 1000);
                        instancePixels++;
                    } else {
                        assertEquals(ids[i], inst[i], file + " pixel " + i);
                    }
                }
                numbers.forEach((id, n) -> assertEquals(n.size() - 1, Collections.max(n), file + " labelId " + id + ": " + n));
            }
        }
        assertTrue(instancePixels > 0, "the scenes have cars and people");
    }

    @Test
    void colourFilesUseTheOfficialPaletteOfTheLabelIds() throws Exception {
        Path dir = out.resolve("cityscapes/gtFine/val/eastholm");
        LabelImage ids = PngCodec.readLabels(dir.resolve("eastholm_000000_000019_gtFine_labelIds.png"));
        RgbImage colour = PngCodec.readRgb(dir.resolve("eastholm_000000_000019_gtFine_color.png"));
        int[] byLabelId = new int[256];
        java.util.Arrays.fill(byLabelId, -1);
        byLabelId[0] = 0; // unlabelled (the recording car's bonnet) is black, as in gtFine
        for (CityscapesClass c : CityscapesClass.values()) {
            byLabelId[c.labelId()] = c.rgb();
        }
        byte[] rgb = colour.rgb();
        for (int i = 0; i < ids.values().length; i++) {
            int expected = byLabelId[ids.values()[i]];
            int actual = (rgb[i * 3] & 0xff) << 16 | (rgb[i * 3 + 1] & 0xff) << 8 | (rgb[i * 3 + 2] & 0xff);
            assertEquals(expected, actual, "pixel " + i + " labelId " + ids.values()[i]);
        }
    }

    @Test
    void everyClassAppearsInASmallSetAndTheTargetHasItsBonnet() {
        SynthConfig c = new SynthConfig(3, 128, 256, 0, 0, 0, EnumSet.allOf(SynthDataset.class), 1);
        for (SynthDataset d : SynthDataset.values()) {
            BitSet seen = new BitSet();
            for (int i = 0; i < 30; i++) {
                SynthGenerator.Rendered r = SynthGenerator.render(c, new SynthSample(d, "train", i));
                for (int v : r.trainIds().values()) {
                    seen.set(v);
                }
            }
            for (CityscapesClass k : CityscapesClass.values()) {
                assertTrue(seen.get(k.trainId()), d.id() + " never shows " + k.displayName());
            }
            assertEquals(d.isTarget(), seen.get(IdMap.IGNORE), d.id() + ": ignore pixels (bonnet) only in the target");
        }
    }

    @Test
    void layoutIsAStreet() {
        SynthConfig c = new SynthConfig(5, 128, 256, 0, 0, 0, EnumSet.allOf(SynthDataset.class), 1);
        for (int i = 0; i < 10; i++) {
            LabelImage l = SynthGenerator.render(c, new SynthSample(SynthDataset.GTA5, "train", i)).trainIds();
            int w = l.width();
            assertEquals(CityscapesClass.SKY.trainId(), l.values()[w / 2], "top-centre is sky in image " + i);
            assertEquals(CityscapesClass.ROAD.trainId(), l.values()[(l.height() - 1) * w + w / 2], "bottom-centre is road in image " + i);
        }
    }

    @Test
    void sourceAndTargetLookDifferent() {
        double[] source = meanRgb(SynthDataset.GTA5);
        double[] target = meanRgb(SynthDataset.CITYSCAPES);
        double distance = Math.sqrt(Math.pow(source[0] - target[0], 2) + Math.pow(source[1] - target[1], 2) + Math.pow(source[2] - target[2], 2));
        assertTrue(distance > 10, "mean colours of source and target differ by only " + distance);
    }

    private static double[] meanRgb(SynthDataset d) {
        double[] sum = new double[3];
        long n = 0;
        for (int i = 0; i < 5; i++) {
            byte[] rgb = SynthGenerator.render(config, new SynthSample(d, "train", i)).image().rgb();
            for (int k = 0; k < rgb.length; k += 3) {
                sum[0] += rgb[k] & 0xff;
                sum[1] += rgb[k + 1] & 0xff;
                sum[2] += rgb[k + 2] & 0xff;
                n++;
            }
        }
        return new double[] {sum[0] / n, sum[1] / n, sum[2] / n};
    }

    @Test
    void manifestDescribesTheRun() throws Exception {
        JsonNode m = SynthManifest.read(out);
        assertEquals(7, m.get("seed").asLong());
        assertEquals(H, m.get("height").asInt());
        assertEquals(W, m.get("width").asInt());
        assertEquals(3, m.path("datasets").path("gta5").path("images").asInt());
        assertEquals(4, m.path("datasets").path("cityscapes").path("train").asInt());
        assertEquals("camera", m.path("datasets").path("cityscapes").path("style").path("name").asText());
        assertEquals(19, m.path("datasets").path("gta5").path("style").path("classColours").size());
    }

    @Test
    void sameDatasetAgainIsFineButADifferentOneNeedsOverwrite(@TempDir Path dir) throws Exception {
        SynthConfig small = new SynthConfig(1, 32, 64, 2, 1, 1, EnumSet.of(SynthDataset.GTA5, SynthDataset.CITYSCAPES), 1);
        SynthGenerator.generate(small, dir, false, n -> { });
        SynthGenerator.generate(small, dir, false, n -> { });
        SynthConfig other = new SynthConfig(2, 32, 64, 1, 1, 1, EnumSet.of(SynthDataset.GTA5), 1);
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> SynthGenerator.generate(other, dir, false, n -> { }));
        assertTrue(e.getMessage().contains("different synthetic dataset") && e.getMessage().contains("--overwrite"), e.getMessage());
        assertTrue(e.getMessage().contains("seed 1"), e.getMessage());
        Files.writeString(dir.resolve("keep.txt"), "not ours");
        SynthGenerator.generate(other, dir, true, n -> { });
        // the old, larger dataset's files are gone; files that are not the generator's stay
        assertFalse(Files.exists(dir.resolve("gta5/images/00002.png")));
        assertFalse(Files.exists(dir.resolve("cityscapes")));
        assertTrue(Files.exists(dir.resolve("gta5/images/00001.png")));
        assertTrue(Files.exists(dir.resolve("keep.txt")));
    }

    @Test
    void aFolderWithOtherFilesIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "x");
        SynthConfig small = new SynthConfig(1, 32, 64, 1, 0, 0, EnumSet.of(SynthDataset.GTA5), 1);
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> SynthGenerator.generate(small, dir, false, n -> { }));
        assertTrue(e.getMessage().contains("not empty") && e.getMessage().contains(dir.toString()), e.getMessage());
        Path file = dir.resolve("notes.txt");
        AdaptsegException notDir = assertThrows(AdaptsegException.class, () -> SynthGenerator.generate(small, file, false, n -> { }));
        assertTrue(notDir.getMessage().contains("not a directory"), notDir.getMessage());
    }

    @Test
    void badConfigurationsNameTheProblem() {
        Set<SynthDataset> all = EnumSet.allOf(SynthDataset.class);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SynthConfig(1, 16, 512, 1, 1, 1, all, 1))
                .getMessage().contains("at least 32"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SynthConfig(1, 64, 128, -1, 1, 1, all, 1))
                .getMessage().contains("source -1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SynthConfig(1, 64, 128, 1, 1, 1, Set.of(), 1))
                .getMessage().contains("at least one"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SynthConfig(1, 64, 128, 1, 1, 1, all, 0))
                .getMessage().contains("threads"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SynthDataset.byId("kitti")).getMessage().contains("kitti"));
    }

    @Test
    void progressCountsEveryImage(@TempDir Path dir) throws Exception {
        SynthConfig small = new SynthConfig(1, 32, 64, 2, 2, 1, EnumSet.allOf(SynthDataset.class), 2);
        List<Integer> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        SynthGenerator.Report r = SynthGenerator.generate(small, dir, false, seen::add);
        assertEquals(small.totalImages(), r.images());
        assertEquals(7, seen.size());
        assertEquals(7, seen.stream().mapToInt(Integer::intValue).max().orElse(0));
        assertNotEquals(0, r.imagesPerSecond());
    }

    static int[] toTrainIds(LabelImage raw, IdMap map) {
        int[] v = raw.values();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = map.map(v[i]);
        }
        return out;
    }
}
