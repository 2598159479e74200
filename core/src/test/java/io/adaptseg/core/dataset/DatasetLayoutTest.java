package io.adaptseg.core.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLayoutTest {
    private static final RgbImage IMAGE = new RgbImage(4, 3, new byte[36]);

    @TempDir
    Path root;

    @Test
    void listsCityscapesSortedByCityAndStemIgnoringOtherGroundTruthFiles() throws Exception {
        for (String stem : List.of("zurich_000001_000019", "aachen_000002_000019", "aachen_000000_000019")) {
            String city = stem.substring(0, stem.indexOf('_'));
            image(root.resolve("leftImg8bit/val/" + city + "/" + stem + "_leftImg8bit.png"));
            labels8(root.resolve("gtFine/val/" + city + "/" + stem + "_gtFine_labelIds.png"), 7);
            labels8(root.resolve("gtFine/val/" + city + "/" + stem + "_gtFine_color.png"), 0);
            Files.writeString(root.resolve("gtFine/val/" + city + "/" + stem + "_gtFine_polygons.json"), "{}");
        }
        DatasetLayout layout = DatasetSpec.cityscapes(root, "val", true).open();
        List<Sample> samples = layout.samples();
        assertEquals(List.of("aachen_000000_000019", "aachen_000002_000019", "zurich_000001_000019"),
                samples.stream().map(Sample::id).toList());
        Sample first = samples.getFirst();
        assertEquals(Optional.of("aachen"), first.city());
        assertEquals(Optional.of("aachen_000000_000019"), first.cityscapesStem());
        assertEquals(root.resolve("gtFine/val/aachen/aachen_000000_000019_gtFine_labelIds.png"), first.requireLabel());
        assertEquals(Optional.of(LabelDecoder.LABEL_IDS), layout.labelDecoder());

        LabelImage trainIds = layout.labelDecoder().orElseThrow().read(first.requireLabel(), null);
        assertArrayEquals(new int[12], trainIds.values(), "labelId 7 (road) is trainId 0");

        Files.delete(root.resolve("gtFine/val/zurich/zurich_000001_000019_gtFine_labelIds.png"));
        List<Sample> unlabelled = DatasetSpec.cityscapes(root, "val", false).open().samples();
        assertEquals(3, unlabelled.size());
        assertTrue(unlabelled.stream().allMatch(s -> s.label().isEmpty()));
    }

    @Test
    void reportsEveryUnpairedCityscapesFile() throws Exception {
        image(root.resolve("leftImg8bit/train/jena/jena_000000_000019_leftImg8bit.png"));
        labels8(root.resolve("gtFine/train/jena/jena_000000_000019_gtFine_labelIds.png"), 7);
        image(root.resolve("leftImg8bit/train/jena/jena_000001_000019_leftImg8bit.png"));
        image(root.resolve("leftImg8bit/train/ulm/ulm_000003_000019_leftImg8bit.png"));
        labels8(root.resolve("gtFine/train/bonn/bonn_000004_000019_gtFine_labelIds.png"), 7);
        DatasetLayout layout = new CityscapesLayout(root, "train", true);

        PairingReport report = layout.pair();
        assertEquals(1, report.samples().size());
        assertEquals(3, report.unpaired().size());
        AdaptsegException e = assertThrows(AdaptsegException.class, layout::samples);
        assertTrue(e.getMessage().contains("3 unpaired files"), e.getMessage());
        assertTrue(e.getMessage().contains("jena_000001_000019_leftImg8bit.png (image without a label"), e.getMessage());
        assertTrue(e.getMessage().contains("ulm_000003_000019_leftImg8bit.png (image without a label"), e.getMessage());
        assertTrue(e.getMessage().contains("bonn_000004_000019_gtFine_labelIds.png (label without an image"), e.getMessage());
    }

    @Test
    void cityscapesWithOnlyTrainIdGroundTruthPairsThoseAndDecodesThemAsTrainIds() throws Exception {
        image(root.resolve("leftImg8bit/val/ulm/ulm_000000_000019_leftImg8bit.png"));
        labels8(root.resolve("gtFine/val/ulm/ulm_000000_000019_gtFine_labelTrainIds.png"), 13);
        labels8(root.resolve("gtFine/val/ulm/ulm_000000_000019_gtFine_color.png"), 0);
        CityscapesLayout layout = CityscapesLayout.labelled(root, "val");
        assertEquals(Optional.of(LabelDecoder.TRAIN_IDS), layout.labelDecoder());
        Sample sample = layout.samples().getFirst();
        assertEquals(root.resolve("gtFine/val/ulm/ulm_000000_000019_gtFine_labelTrainIds.png"), sample.requireLabel());
        int[] car = new int[12];
        Arrays.fill(car, 13);
        assertArrayEquals(car, layout.labelDecoder().orElseThrow().read(sample.requireLabel(), null).values());

        // the official labelId files win when both are there, and an image without one is reported
        image(root.resolve("leftImg8bit/val/ulm/ulm_000001_000019_leftImg8bit.png"));
        labels8(root.resolve("gtFine/val/ulm/ulm_000001_000019_gtFine_labelIds.png"), 26);
        CityscapesLayout official = CityscapesLayout.labelled(root, "val");
        assertEquals(Optional.of(LabelDecoder.LABEL_IDS), official.labelDecoder());
        AdaptsegException e = assertThrows(AdaptsegException.class, official::samples);
        assertTrue(e.getMessage().contains("ulm_000000_000019_leftImg8bit.png (image without a label: no "
                + root.resolve("gtFine/val/ulm/ulm_000000_000019_gtFine_labelIds.png")), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CityscapesLayout(root, "val", true, LabelDecoder.SYNTHIA));
    }

    @Test
    void missingCityscapesFoldersNameTheFolderExpected() throws Exception {
        AdaptsegException images = assertThrows(AdaptsegException.class,
                () -> new CityscapesLayout(root, "val", true).samples());
        assertTrue(images.getMessage().contains(root.resolve("leftImg8bit/val").toString()), images.getMessage());
        assertTrue(images.getMessage().contains("missing"), images.getMessage());

        image(root.resolve("leftImg8bit/val/lindau/lindau_000000_000019_leftImg8bit.png"));
        AdaptsegException labels = assertThrows(AdaptsegException.class,
                () -> new CityscapesLayout(root, "val", true).samples());
        assertTrue(labels.getMessage().contains(root.resolve("gtFine/val").toString()), labels.getMessage());

        Files.createDirectories(root.resolve("leftImg8bit/test/bonn"));
        AdaptsegException empty = assertThrows(AdaptsegException.class,
                () -> new CityscapesLayout(root, "test", false).samples());
        assertTrue(empty.getMessage().startsWith("no Cityscapes images in"), empty.getMessage());
    }

    @Test
    void pairsGta5ByFileNameAndReportsBothSides() throws Exception {
        for (String name : List.of("00002.png", "00001.png", "00003.png")) {
            image(root.resolve("images/" + name));
        }
        labels8(root.resolve("labels/00001.png"), 26);
        labels8(root.resolve("labels/00002.png"), 33);
        labels8(root.resolve("labels/00009.png"), 7);
        DatasetLayout layout = DatasetSpec.of(DatasetKind.GTA5, root).open();
        PairingReport report = layout.pair();
        assertEquals(List.of("00001", "00002"), report.samples().stream().map(Sample::id).toList());
        assertEquals(List.of(root.resolve("images/00003.png"), root.resolve("labels/00009.png")),
                report.unpaired().stream().map(Unpaired::file).toList());
        AdaptsegException e = assertThrows(AdaptsegException.class, layout::samples);
        assertTrue(e.getMessage().startsWith("gta5 at " + root + ": 2 unpaired files: "), e.getMessage());

        LabelDecoder decoder = layout.labelDecoder().orElseThrow();
        assertEquals(13, decoder.read(root.resolve("labels/00001.png"), null).values()[0], "car");
        assertEquals(18, decoder.read(root.resolve("labels/00002.png"), null).values()[11], "bicycle");
    }

    @Test
    void unknownLabelValuesNameTheFileTheValueAndThePixel() throws Exception {
        Path file = root.resolve("labels/00001.png");
        int[] values = new int[12];
        java.util.Arrays.fill(values, 7);
        values[2 * 4 + 1] = 40;
        PngCodec.writeLabels8(file, new LabelImage(4, 3, values));
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> LabelDecoder.LABEL_IDS.read(file, null));
        assertEquals(file + ": label value 40 at pixel (1, 2) is not a Cityscapes labelId (0..33 or 255)", e.getMessage());

        values[2 * 4 + 1] = 19;
        PngCodec.writeLabels8(file, new LabelImage(4, 3, values));
        AdaptsegException t = assertThrows(AdaptsegException.class, () -> LabelDecoder.TRAIN_IDS.read(file, null));
        assertTrue(t.getMessage().contains("value 19 at pixel (1, 2)"), t.getMessage());
        int[] buffer = new int[12];
        values[2 * 4 + 1] = 255;
        PngCodec.writeLabels8(file, new LabelImage(4, 3, values));
        assertEquals(255, LabelDecoder.LABEL_IDS.read(file, buffer).values()[9]);
        assertEquals(0, buffer[0], "decoded in the caller's buffer");
    }

    @Test
    void readsSynthiaIdsFromChannelZeroOfSixteenBitFiles() throws Exception {
        image(root.resolve("RGB/0000001.png"));
        image(root.resolve("RGB/0000002.png"));
        synthiaLabel(root.resolve("GT/LABELS/0000001.png"), new int[] {3, 4, 2, 21, 5, 7, 15, 9, 6, 16, 1, 0});
        synthiaLabel(root.resolve("GT/LABELS/0000002.png"), new int[] {10, 17, 8, 18, 19, 20, 12, 11, 13, 14, 22, 3});
        DatasetLayout layout = DatasetSpec.of(DatasetKind.SYNTHIA, root).open();
        List<Sample> samples = layout.samples();
        assertEquals(List.of("0000001", "0000002"), samples.stream().map(Sample::id).toList());
        LabelDecoder decoder = layout.labelDecoder().orElseThrow();
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255},
                decoder.read(samples.get(0).requireLabel(), null).values());
        assertArrayEquals(new int[] {11, 12, 13, 14, 15, 16, 17, 18, 255, 255, 255, 0},
                decoder.read(samples.get(1).requireLabel(), null).values());

        Path bad = root.resolve("GT/LABELS/bad.png");
        synthiaLabel(bad, new int[] {3, 3, 3, 3, 3, 40000, 3, 3, 3, 3, 3, 3});
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> decoder.read(bad, null));
        assertEquals(bad + ": label value 40000 at pixel (1, 1) is not a SYNTHIA class id (0..22)", e.getMessage());

        Files.delete(bad);
        Files.delete(root.resolve("GT/LABELS/0000002.png"));
        Files.delete(root.resolve("GT/LABELS/0000001.png"));
        Files.delete(root.resolve("GT/LABELS"));
        AdaptsegException missing = assertThrows(AdaptsegException.class, layout::samples);
        assertTrue(missing.getMessage().contains("synthia label folder not found: " + root.resolve("GT/LABELS")),
                missing.getMessage());
    }

    @Test
    void listsAFolderRecursivelyWithCityscapesNames() throws Exception {
        image(root.resolve("b/frankfurt_000000_000294_leftImg8bit.png"));
        image(root.resolve("a/z.png"));
        image(root.resolve("a/sub/y.PNG"));
        Files.writeString(root.resolve("a/notes.txt"), "not an image");
        List<Sample> samples = DatasetSpec.of(DatasetKind.FOLDER, root).open().samples();
        assertEquals(List.of("a/sub/y", "a/z", "frankfurt_000000_000294"), samples.stream().map(Sample::id).toList());
        assertEquals(Optional.of("frankfurt"), samples.get(2).city());
        assertEquals(Optional.empty(), samples.get(0).city());

        Path empty = Files.createDirectories(root.resolve("empty"));
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> new FolderLayout(empty).samples());
        assertEquals("no PNG images in " + empty, e.getMessage());
        AdaptsegException missing = assertThrows(AdaptsegException.class,
                () -> new FolderLayout(root.resolve("nope")).samples());
        assertTrue(missing.getMessage().contains(root.resolve("nope") + " is missing"), missing.getMessage());
    }

    @Test
    void readsReferenceListFilesInTheirOrder() throws Exception {
        Path images = root.resolve("leftImg8bit/val");
        Path labels = root.resolve("gtFine/val");
        String[] stems = {"munster_000001_000019", "frankfurt_000000_000294", "lindau_000000_000019"};
        StringBuilder val = new StringBuilder();
        StringBuilder label = new StringBuilder();
        for (String stem : stems) {
            String city = stem.substring(0, stem.indexOf('_'));
            image(images.resolve(city + "/" + stem + "_leftImg8bit.png"));
            labels8(labels.resolve(city + "/" + stem + "_gtFine_labelIds.png"), 7);
            val.append(city).append('/').append(stem).append("_leftImg8bit.png\n");
            label.append(city).append('/').append(stem).append("_gtFine_labelIds.png\n");
        }
        Path valList = Files.writeString(root.resolve("val.txt"), val + "\n");
        Path labelList = Files.writeString(root.resolve("label.txt"), label.toString());
        DatasetLayout layout = DatasetSpec.list(images, valList, labels, labelList, LabelDecoder.LABEL_IDS).open();
        List<Sample> samples = layout.samples();
        assertEquals(List.of(stems), samples.stream().map(Sample::id).toList(), "the list's order, not sorted");
        assertEquals(Optional.of("munster"), samples.getFirst().city());

        List<Sample> unlabelled = new DatasetSpec(DatasetKind.LIST, images, null, false, valList, null, null, null)
                .open().samples();
        assertTrue(unlabelled.stream().allMatch(s -> s.label().isEmpty()));

        Files.writeString(labelList, label.toString().lines().limit(2).map(l -> l + "\n").reduce("", String::concat));
        AdaptsegException count = assertThrows(AdaptsegException.class, layout::samples);
        assertTrue(count.getMessage().contains("has 3 entries but " + labelList + " has 2"), count.getMessage());
    }

    @Test
    void reportsEveryMissingOrMismatchedListEntry() throws Exception {
        Path images = root.resolve("images");
        image(images.resolve("00001.png"));
        image(images.resolve("00002.png"));
        labels8(root.resolve("labels/00001.png"), 7);
        Path train = Files.writeString(root.resolve("train.txt"), "00001.png\n# a comment\n00002.png\n00003.png\n00001.png\n");
        DatasetLayout gta = DatasetSpec.list(images, train, root.resolve("labels"), null, LabelDecoder.LABEL_IDS).open();
        PairingReport report = gta.pair();
        assertEquals(List.of("00001"), report.samples().stream().map(Sample::id).toList());
        assertEquals(List.of(
                root.resolve("labels/00002.png") + " (label listed in train.txt line 3 but missing)",
                images.resolve("00003.png") + " (listed in train.txt line 4 but missing)",
                root.resolve("labels/00003.png") + " (label listed in train.txt line 4 but missing)",
                images.resolve("00001.png") + " (listed twice in train.txt (id 00001, line 5))"),
                report.unpaired().stream().map(Unpaired::toString).toList());
        AdaptsegException e = assertThrows(AdaptsegException.class, gta::samples);
        assertTrue(e.getMessage().contains("4 unpaired files"), e.getMessage());

        image(root.resolve("cs/aachen_000000_000019_leftImg8bit.png"));
        labels8(root.resolve("cs/aachen_000001_000019_gtFine_labelIds.png"), 7);
        Path pairs = Files.writeString(root.resolve("pairs.txt"),
                "aachen_000000_000019_leftImg8bit.png aachen_000001_000019_gtFine_labelIds.png\n");
        PairingReport mismatch = new ListFileLayout(root.resolve("cs"), pairs, null, null, LabelDecoder.LABEL_IDS).pair();
        assertTrue(mismatch.unpaired().getFirst().reason().contains("of another frame"), mismatch.unpaired().toString());

        AdaptsegException missingList = assertThrows(AdaptsegException.class,
                () -> ListFileLayout.images(images, root.resolve("val.txt")).samples());
        assertEquals("list file not found: " + root.resolve("val.txt"), missingList.getMessage());
    }

    @Test
    void kindsAndFormatsAreNamedAsConfigsNameThem() {
        assertEquals(DatasetKind.GTA5, DatasetKind.byId("GTA5"));
        assertEquals(LabelDecoder.SYNTHIA, LabelDecoder.byId("synthia"));
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class, () -> DatasetKind.byId("kitti"));
        assertTrue(kind.getMessage().contains("[cityscapes, gta5, synthia, folder, list]"), kind.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LabelDecoder.byId("rgb"));
        assertThrows(IllegalArgumentException.class, () -> DatasetSpec.cityscapes(root, null, true));
        assertThrows(IllegalArgumentException.class,
                () -> new DatasetSpec(DatasetKind.LIST, root, null, false, null, null, null, null));
        assertTrue(DatasetSpec.of(DatasetKind.GTA5, root).open() instanceof PairedFolderLayout);
        assertFalse(DatasetSpec.of(DatasetKind.FOLDER, root).labels());
    }

    private static void image(Path file) throws Exception {
        PngCodec.writeRgb(file, IMAGE);
    }

    private static void labels8(Path file, int value) throws Exception {
        PngCodec.writeLabels8(file, LabelImage.filled(4, 3, value));
    }

    /** A SYNTHIA-style GT file: 16-bit RGBA, class id in channel 0, an instance id in channel 1. */
    private static void synthiaLabel(Path file, int[] ids) throws Exception {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(4, 3);
        for (int i = 0; i < ids.length; i++) {
            raster.setPixel(i % 4, i / 4, new int[] {ids[i], 1000 + i, 0, 65535});
        }
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(new BufferedImage(model, raster, false, null), "png", file.toFile()));
    }
}
