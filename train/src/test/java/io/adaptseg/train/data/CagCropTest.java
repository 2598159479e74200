package io.adaptseg.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.core.model.Normalization;
import io.adaptseg.core.resample.ImageResize;
import io.adaptseg.core.resample.Resampler;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * CAG's training crops ({@code data/gta5_dataset.py:159-160}, {@code augmentations/augmentations.py:359-378}):
 * the sizes of {@code RandomSized} with Python's arithmetic, and a stream whose crops keep the images
 * and the labels on the same pixels; and the input resize of a stream follows {@code image-resize}.
 */
class CagCropTest {
    private static final int SOURCE_W = 200;
    private static final int SOURCE_H = 110;

    @Test
    void sizesAreTheReferences() {
        // python3: prop = W / H; w = int((0.5 + (1.5 - 0.5) * r) * 2200); h = int(w / prop)
        RandomSized gta5 = new RandomSized(1914, 1052, 2200);
        assertArrayEquals(new int[] {1100, 604}, gta5.size(0.0));
        assertArrayEquals(new int[] {1650, 906}, gta5.size(0.25));
        assertArrayEquals(new int[] {2200, 1209}, gta5.size(0.5));
        assertArrayEquals(new int[] {3299, 1813}, gta5.size(0.999999));
        RandomSized cityscapes = new RandomSized(2048, 1024, 2200);
        assertArrayEquals(new int[] {1100, 550}, cityscapes.size(0.0));
        assertArrayEquals(new int[] {1650, 825}, cityscapes.size(0.25));
        assertArrayEquals(new int[] {3299, 1649}, cityscapes.size(0.999999));
        // the smallest scaled image is larger than the 896x512 crop: the reference never falls back
        assertTrue(gta5.size(0.0)[1] >= 512 && cityscapes.size(0.0)[1] >= 512);
        assertThrows(IllegalArgumentException.class, () -> new RandomSized(1914, 0, 2200));
        assertThrows(IllegalArgumentException.class, () -> new Augmentation(64, 32, false, 1, 1, false, ScaleMode.CAG,
                ImageResize.BILINEAR, Optional.empty()));
    }

    @Test
    void cropsKeepImageAndLabelsOnTheSamePixels() throws Exception {
        int w = 64;
        int h = 32;
        // widths 50..149 at the source's aspect: some scaled images are smaller than the crop (resized to it)
        Augmentation a = Augmentation.cagCrop(w, h, true, false, new RandomSized(120, 66, 100));
        Set<String> windows = new HashSet<>();
        try (NDManager m = NDManager.newBaseManager();
             BatchStream<Integer> stream = new BatchStream<>("source", IntStream.range(0, 5).boxed().toList(),
                     CagCropTest::decode, a, Normalization.RGB_UNIT, 2, true, 7, 2, 2, 0)) {
            for (int b = 0; b < 20; b++) {
                Batch batch = stream.next(m);
                assertEquals(new Shape(2, 3, h, w), batch.images().getShape());
                assertEquals(new Shape(2, h, w), batch.requireLabels().getShape());
                int[] labels = batch.requireLabels().toIntArray();
                float[] pixels = batch.images().toFloatArray();
                for (int n = 0; n < 2; n++) {
                    int agree = 0;
                    StringBuilder row = new StringBuilder();
                    for (int i = 0; i < h * w; i++) {
                        boolean bright = pixels[n * 3 * h * w + i] > 0.5f;
                        agree += bright == (labels[n * h * w + i] == 1) ? 1 : 0;
                    }
                    for (int x = 0; x < w; x++) {
                        row.append(labels[n * h * w + (h / 2) * w + x]);
                    }
                    windows.add(row.toString());
                    // edges blur in the image, never in the nearest-resized labels
                    assertTrue(agree > 0.9 * h * w, "image and labels disagree on " + (h * w - agree) + " pixels");
                }
            }
        }
        assertTrue(windows.size() > 5, "crops do not vary: " + windows.size() + " distinct label rows");
    }

    @Test
    void theStreamResizesImagesAsImageResizeSays() throws Exception {
        int w = 37;
        int h = 23;
        for (ImageResize resize : ImageResize.values()) {
            try (NDManager m = NDManager.newBaseManager();
                 BatchStream<Integer> stream = new BatchStream<>("source", List.of(3), CagCropTest::decode,
                         Augmentation.resize(w, h).withResize(resize), Normalization.RGB_UNIT, 1, true, 1, 1, 1, 0)) {
                float[] pixels = stream.next(m).images().toFloatArray();
                RgbImage source = decode(3).image();
                byte[] expected = resize.resize(source.rgb(), SOURCE_W, SOURCE_H, w, h);
                float[] chw = new float[3 * w * h];
                Normalization.RGB_UNIT.toChw(expected, w * h, chw, 0);
                assertArrayEquals(chw, pixels, resize.id());
            }
        }
        // and the three differ on this image, so the check above tells them apart
        byte[] rgb = decode(3).image().rgb();
        byte[] bicubic = Resampler.resizeRgbBicubic(rgb, SOURCE_W, SOURCE_H, w, h);
        assertTrue(!java.util.Arrays.equals(bicubic, ImageResize.BILINEAR.resize(rgb, SOURCE_W, SOURCE_H, w, h)));
        assertTrue(!java.util.Arrays.equals(bicubic, ImageResize.PIL_BILINEAR.resize(rgb, SOURCE_W, SOURCE_H, w, h)));
    }

    /** Vertical stripes of varying width: class 1 bright, class 0 dark; stripe phase by sample. */
    private static DecodedSample decode(Integer i) {
        byte[] rgb = new byte[SOURCE_W * SOURCE_H * 3];
        int[] labels = new int[SOURCE_W * SOURCE_H];
        for (int y = 0; y < SOURCE_H; y++) {
            for (int x = 0; x < SOURCE_W; x++) {
                int cls = ((x + 3 * i) / (24 + x / 10)) % 2;
                labels[y * SOURCE_W + x] = cls;
                for (int c = 0; c < 3; c++) {
                    rgb[(y * SOURCE_W + x) * 3 + c] = (byte) (cls == 1 ? 235 : 20 + (y % 7));
                }
            }
        }
        return new DecodedSample("scene" + i, new RgbImage(SOURCE_W, SOURCE_H, rgb),
                Optional.of(new LabelImage(SOURCE_W, SOURCE_H, labels)));
    }
}
