package io.adaptseg.core.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.dataset.LabelDecoder;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.metrics.ConfusionMatrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pairing files by name and scoring them from disk, including every kind of bad input. */
class ScoreFilesTest {
    private static final int W = 40;
    private static final int H = 30;

    @TempDir
    Path dir;

    private static void write(Path file, int w, int h, int[] values) throws Exception {
        Files.createDirectories(file.getParent());
        PngCodec.writeLabels8(file, new LabelImage(w, h, values));
    }

    /** gtFine-style tree: two cities, labelIds plus _color files the finder must leave out. */
    private List<ScorePair> cityscapesTree(int images) throws Exception {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < images; i++) {
            String city = i % 2 == 0 ? "aachen" : "bochum";
            String key = String.format("%s_%06d_%06d", city, i, 19);
            write(dir.resolve("gt/" + city + "/" + key + "_gtFine_labelIds.png"), W, H,
                    ReferenceAgreementTest.randomImage(W, H, r, new int[] {0, 7, 8, 11, 26}));
            write(dir.resolve("gt/" + city + "/" + key + "_gtFine_color.png"), W, H, new int[W * H]);
            write(dir.resolve("pred/" + city + "/" + key + "_leftImg8bit.png"), W, H,
                    ReferenceAgreementTest.randomImage(W, H, r, new int[] {0, 1, 2, 13}));
            write(dir.resolve("pred/" + city + "/" + key + "_labelIds.png"), W, H, new int[W * H]);
        }
        return find(LabelDecoder.TRAIN_IDS, new ArrayList<>());
    }

    private List<ScorePair> find(LabelDecoder predFormat, List<String> notes) throws AdaptsegException {
        return PairFinder.find(dir.resolve("gt"), LabelDecoder.LABEL_IDS, dir.resolve("pred"), predFormat, notes::add);
    }

    @Test
    void pairsCityscapesNamesAcrossCityFoldersAndScoresInParallel() throws Exception {
        List<ScorePair> pairs = cityscapesTree(6);
        assertEquals(6, pairs.size());
        for (ScorePair p : pairs) {
            assertTrue(p.gt().getFileName().toString().startsWith(p.key() + "_gtFine_labelIds"));
            assertTrue(p.pred().getFileName().toString().startsWith(p.key() + "_leftImg8bit"));
        }
        List<String> notes = new ArrayList<>();
        find(LabelDecoder.TRAIN_IDS, notes);
        assertTrue(notes.stream().anyMatch(n -> n.contains("left out 6 ground-truth files")), notes.toString());

        ScoreResult one = new ScoreRun(Protocol.CITYSCAPES19, LabelDecoder.LABEL_IDS, LabelDecoder.TRAIN_IDS, 1, 0)
                .run(pairs, s -> { });
        List<String> progress = new ArrayList<>();
        ScoreResult three = new ScoreRun(Protocol.CITYSCAPES19, LabelDecoder.LABEL_IDS, LabelDecoder.TRAIN_IDS, 3, 2)
                .run(pairs, progress::add);
        assertEquals(one.matrix(), three.matrix());
        assertEquals(List.of("2 / 6: ", "4 / 6: "), progress.stream().map(s -> s.substring(0, 7)).toList());
        // the merged matrix equals counting every pair in one matrix sequentially
        PairScorer scorer = new PairScorer(Protocol.CITYSCAPES19, LabelDecoder.LABEL_IDS, LabelDecoder.TRAIN_IDS);
        ConfusionMatrix sequential = scorer.newMatrix();
        for (ScorePair p : pairs) {
            scorer.add(sequential, PngCodec.readLabels(p.gt()), "gt", PngCodec.readLabels(p.pred()), "pred");
        }
        assertEquals(sequential, three.matrix());
        assertEquals((long) 6 * W * H - countIgnored(pairs), three.matrix().total());
    }

    private static long countIgnored(List<ScorePair> pairs) throws Exception {
        long n = 0;
        for (ScorePair p : pairs) {
            for (int v : PngCodec.readLabels(p.gt()).values()) {
                n += v == 0 ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void labelIdPredictionsArePreferredOverLeftImg8bitWhenAsked() throws Exception {
        cityscapesTree(2);
        List<ScorePair> pairs = find(LabelDecoder.LABEL_IDS, new ArrayList<>());
        assertTrue(pairs.stream().allMatch(p -> p.pred().toString().endsWith("_labelIds.png")));
    }

    @Test
    void plainLayoutsMatchBySameName() throws Exception {
        write(dir.resolve("gt/00001.png"), W, H, new int[W * H]);
        write(dir.resolve("gt/00002.png"), W, H, new int[W * H]);
        write(dir.resolve("pred/sub/00001.png"), W, H, new int[W * H]);
        write(dir.resolve("pred/00002.png"), W, H, new int[W * H]);
        List<ScorePair> pairs = find(LabelDecoder.TRAIN_IDS, new ArrayList<>());
        assertEquals(List.of("00001", "00002"), pairs.stream().map(ScorePair::key).toList());
    }

    @Test
    void synthiaGroundTruthOfMixedSizesScoresLikeItsTrainIds() throws Exception {
        // 16-bit SYNTHIA ids (0 void, 1 sky, 2 building, 3 road, 8 car) in plain-named files; the two
        // images differ in size, so one worker's reused buffers must follow the size change
        int[][] sizes = {{W, H}, {W + 8, H - 6}, {W, H}};
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < sizes.length; i++) {
            int w = sizes[i][0];
            int h = sizes[i][1];
            Path gt = Files.createDirectories(dir.resolve("gt")).resolve(String.format("%07d.png", i));
            PngCodec.writeLabels16(gt, new LabelImage(w, h, ReferenceAgreementTest.randomImage(w, h, r,
                    new int[] {0, 1, 2, 3, 8})));
            write(dir.resolve("pred").resolve(String.format("%07d.png", i)), w, h,
                    ReferenceAgreementTest.randomImage(w, h, r, new int[] {0, 2, 10, 13, 255}));
        }
        List<ScorePair> pairs = PairFinder.find(dir.resolve("gt"), LabelDecoder.SYNTHIA, dir.resolve("pred"),
                LabelDecoder.TRAIN_IDS, s -> { });
        assertEquals(3, pairs.size());
        ScoreResult raw = new ScoreRun(Protocol.SYNTHIA16, LabelDecoder.SYNTHIA, LabelDecoder.TRAIN_IDS, 1, 0)
                .run(pairs, s -> { });
        PairScorer trainIds = new PairScorer(Protocol.SYNTHIA16, LabelDecoder.TRAIN_IDS, LabelDecoder.TRAIN_IDS);
        ConfusionMatrix expected = trainIds.newMatrix();
        for (ScorePair p : pairs) {
            trainIds.add(expected, LabelDecoder.SYNTHIA.read(p.gt(), null), "gt", PngCodec.readLabels(p.pred()), "pred");
        }
        assertEquals(expected, raw.matrix());

        int[] bad = PngCodec.readLabels(pairs.get(1).gt()).values();
        bad[3] = 40000;
        PngCodec.writeLabels16(pairs.get(1).gt(), new LabelImage(W + 8, H - 6, bad));
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> new ScoreRun(Protocol.SYNTHIA16,
                LabelDecoder.SYNTHIA, LabelDecoder.TRAIN_IDS, 1, 0).run(pairs, s -> { }));
        assertEquals(pairs.get(1).gt() + ": pixel (x=3, y=0) has value 40000, which is not a SYNTHIA class id (0..22)",
                e.getMessage());
    }

    @Test
    void groundTruthWithoutPredictionIsAnError() throws Exception {
        cityscapesTree(4);
        Path gone = dir.resolve("pred/bochum/bochum_000003_000019_leftImg8bit.png");
        Files.delete(gone);
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> find(LabelDecoder.TRAIN_IDS, new ArrayList<>()));
        assertTrue(e.getMessage().contains("no prediction") && e.getMessage().contains("1 of 4")
                && e.getMessage().contains("bochum_000003_000019_gtFine_labelIds.png"), e.getMessage());
    }

    @Test
    void twoPredictionsForOneGroundTruthIsAnError() throws Exception {
        cityscapesTree(2);
        Path copy = dir.resolve("pred/other/aachen_000000_000019_leftImg8bit.png");
        Files.createDirectories(copy.getParent());
        Files.copy(dir.resolve("pred/aachen/aachen_000000_000019_leftImg8bit.png"), copy);
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> find(LabelDecoder.TRAIN_IDS, new ArrayList<>()));
        assertTrue(e.getMessage().contains("two prediction files for aachen_000000_000019")
                && e.getMessage().contains("other"), e.getMessage());
    }

    @Test
    void emptyOrMissingFolderIsAnError() throws Exception {
        Files.createDirectories(dir.resolve("gt"));
        Files.createDirectories(dir.resolve("pred"));
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> find(LabelDecoder.TRAIN_IDS, new ArrayList<>()));
        assertTrue(e.getMessage().contains("has no PNG files") && e.getMessage().contains("gt"), e.getMessage());
        AdaptsegException missing = assertThrows(AdaptsegException.class, () -> PairFinder.find(dir.resolve("nope"),
                LabelDecoder.LABEL_IDS, dir.resolve("pred"), LabelDecoder.TRAIN_IDS, s -> { }));
        assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
    }

    private ScoreRun run() {
        return new ScoreRun(Protocol.CITYSCAPES19, LabelDecoder.LABEL_IDS, LabelDecoder.TRAIN_IDS, 2, 0);
    }

    @Test
    void predictionOfAnotherSizeNamesBothFilesAndSizes() throws Exception {
        List<ScorePair> pairs = cityscapesTree(3);
        ScorePair last = pairs.getLast();
        write(last.pred(), W / 2, H / 2, new int[W * H / 4]);
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> run().run(pairs, s -> { }));
        assertTrue(e.getMessage().contains(last.pred().toString()) && e.getMessage().contains(last.gt().toString())
                && e.getMessage().contains("20x15") && e.getMessage().contains("40x30"), e.getMessage());
    }

    @Test
    void invalidPixelValueNamesFileValueAndPixel() throws Exception {
        List<ScorePair> pairs = cityscapesTree(3);
        int[] values = PngCodec.readLabels(pairs.get(1).pred()).values();
        values[2 * W + 5] = 19;
        write(pairs.get(1).pred(), W, H, values);
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> run().run(pairs, s -> { }));
        assertTrue(e.getMessage().startsWith(pairs.get(1).pred().toString()) && e.getMessage().contains("x=5, y=2")
                && e.getMessage().contains("value 19") && e.getMessage().contains("trainId"), e.getMessage());

        int[] gt = PngCodec.readLabels(pairs.get(0).gt()).values();
        gt[W * H - 1] = 34;
        write(pairs.get(0).gt(), W, H, gt);
        AdaptsegException g = assertThrows(AdaptsegException.class, () -> new ScoreRun(Protocol.CITYSCAPES19,
                LabelDecoder.LABEL_IDS, LabelDecoder.TRAIN_IDS, 1, 0).run(pairs.subList(0, 1), s -> { }));
        assertTrue(g.getMessage().contains("value 34") && g.getMessage().contains("x=39, y=29")
                && g.getMessage().contains("labelId"), g.getMessage());
    }

    @Test
    void corruptAndNonPngFilesAreErrorsNamingTheFile() throws Exception {
        List<ScorePair> pairs = cityscapesTree(3);
        Files.writeString(pairs.get(0).pred(), "this is not a PNG");
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> run().run(pairs, s -> { }));
        assertTrue(e.getMessage().contains(pairs.get(0).pred().toString()) && e.getMessage().contains("not a PNG"),
                e.getMessage());

        List<ScorePair> fresh = cityscapesTree(3);
        byte[] png = Files.readAllBytes(fresh.get(2).gt());
        Files.write(fresh.get(2).gt(), java.util.Arrays.copyOf(png, 60)); // header intact, data cut off
        AdaptsegException c = assertThrows(AdaptsegException.class, () -> run().run(fresh, s -> { }));
        assertTrue(c.getMessage().contains(fresh.get(2).gt().toString()), c.getMessage());
    }
}
