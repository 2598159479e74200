package io.adaptseg.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.core.model.Normalization;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * CLAN's {@code __scale__} ({@code dataset/gta5_dataset.py:42-64}): image only to
 * {@code (int(W·f), int(H·f))}, f ∈ {0.8, 1.0, 1.1} with probabilities 0.3/0.4/0.3, labels at the input
 * size, no crop. Sizes below are Python's {@code int(1280 * 0.8)} etc., the reference's own arithmetic.
 */
class ClanScaleTest {
    private static final int SOURCE_W = 200;
    private static final int SOURCE_H = 100;
    /** Class 1 left of this source column, 0 right of it: the label geometry to follow. */
    private static final int SPLIT = 74;

    @Test
    void sizesAreTheReferencesForItsInputSizes() {
        // python3: [(int(w*f), int(h*f)) for f in (0.8, 1.1)] for (1280,720), (1024,512), (1280,760)
        check(1280, 720, new int[] {1024, 576}, new int[] {1408, 792});
        check(1024, 512, new int[] {819, 409}, new int[] {1126, 563});
        check(1280, 760, new int[] {1024, 608}, new int[] {1408, 836});
    }

    private static void check(int w, int h, int[] small, int[] large) {
        Augmentation a = Augmentation.clanScale(w, h, true, false);
        assertArrayEquals(small, a.clanImageSize(0.29));
        assertArrayEquals(new int[] {w, h}, a.clanImageSize(0.3));
        assertArrayEquals(new int[] {w, h}, a.clanImageSize(0.7));
        assertArrayEquals(large, a.clanImageSize(0.71));
    }

    @Test
    void drawsAreThirtyFortyThirty() {
        Augmentation a = Augmentation.clanScale(1280, 720, false, false);
        Map<Integer, Integer> counts = new HashMap<>();
        SplitMix64 rng = new SplitMix64(5);
        int n = 20000;
        for (int i = 0; i < n; i++) {
            counts.merge(a.clanImageSize(rng.nextDouble())[0], 1, Integer::sum);
        }
        assertEquals(0.3, counts.get(1024) / (double) n, 0.015);
        assertEquals(0.4, counts.get(1280) / (double) n, 0.015);
        assertEquals(0.3, counts.get(1408) / (double) n, 0.015);
    }

    @Test
    void streamScalesTheImageOnlyAndKeepsTheWholeSceneInBoth() throws Exception {
        int w = 64;
        int h = 32;
        List<Integer> samples = IntStream.range(0, 7).boxed().toList();
        Map<String, Integer> seen = new HashMap<>();
        try (NDManager m = NDManager.newBaseManager();
             BatchStream<Integer> stream = new BatchStream<>("source", samples, ClanScaleTest::decode,
                     Augmentation.clanScale(w, h, false, false), Normalization.RGB_UNIT, 2, true, 42, 2, 2, 0)) {
            for (int b = 0; b < 40; b++) {
                Batch batch = stream.next(m);
                Shape img = batch.images().getShape();
                String size = img.get(3) + "x" + img.get(2);
                seen.merge(size, 1, Integer::sum);
                assertTrue(List.of("51x25", "64x32", "70x35").contains(size), "image size " + size);
                assertArrayEquals(new long[] {h, w}, batch.size(), "predictions go to the input size");
                assertEquals(new Shape(2, h, w), batch.requireLabels().getShape(), "labels stay at the input size");
                int[] labels = batch.requireLabels().toIntArray();
                float[] pixels = batch.images().toFloatArray();
                int iw = (int) img.get(3);
                int ih = (int) img.get(2);
                for (int n = 0; n < 2; n++) {
                    for (int x = 0; x < w; x++) {
                        // no crop: label column x shows source column floor((x + 0.5) * 200 / 64)
                        int expected = (int) ((x + 0.5) * SOURCE_W / w) < SPLIT ? 1 : 0;
                        assertEquals(expected, labels[(n * h + h / 2) * w + x], "label column " + x + " of " + size);
                    }
                    // the image shows the whole scene too: its bright part is SPLIT / SOURCE_W of every row
                    int bright = 0;
                    for (int x = 0; x < iw; x++) {
                        bright += pixels[n * 3 * ih * iw + (ih / 2) * iw + x] > 0.5f ? 1 : 0;
                    }
                    assertEquals(SPLIT / (double) SOURCE_W, bright / (double) iw, 1.5 / iw, "bright share of " + size);
                }
            }
        }
        assertEquals(3, seen.size(), "all three sizes drawn in 40 batches: " + seen);
    }

    private static DecodedSample decode(Integer i) {
        byte[] rgb = new byte[SOURCE_W * SOURCE_H * 3];
        int[] labels = new int[SOURCE_W * SOURCE_H];
        for (int y = 0; y < SOURCE_H; y++) {
            for (int x = 0; x < SOURCE_W; x++) {
                int cls = x < SPLIT ? 1 : 0;
                labels[y * SOURCE_W + x] = cls;
                for (int c = 0; c < 3; c++) {
                    rgb[(y * SOURCE_W + x) * 3 + c] = (byte) (cls == 1 ? 230 : 20 + i);
                }
            }
        }
        return new DecodedSample("scene" + i, new RgbImage(SOURCE_W, SOURCE_H, rgb),
                Optional.of(new LabelImage(SOURCE_W, SOURCE_H, labels)));
    }
}
