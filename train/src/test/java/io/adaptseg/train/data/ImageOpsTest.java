package io.adaptseg.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.RgbImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageOpsTest {
    /** 9x1 image: black left of x = 4, white from x = 4. */
    private static RgbImage edge() {
        byte[] rgb = new byte[9 * 3];
        for (int x = 4; x < 9; x++) {
            Arrays.fill(rgb, x * 3, x * 3 + 3, (byte) 255);
        }
        return new RgbImage(9, 1, rgb);
    }

    @Test
    void gaussianBlurSmoothsAnEdgeByTheHandComputedWeights() {
        RgbImage out = ImageOps.gaussianBlur(edge(), 1.0);
        // pixel 3 sees white at offsets +1..+3: weights e^-0.5, e^-2, e^-4.5 over the kernel sum
        double sum = 1 + 2 * (Math.exp(-0.5) + Math.exp(-2) + Math.exp(-4.5));
        long expected3 = Math.round(255 * (Math.exp(-0.5) + Math.exp(-2) + Math.exp(-4.5)) / sum);
        assertEquals(expected3, out.rgb()[3 * 3] & 0xFF);
        assertEquals(255 - expected3, out.rgb()[4 * 3] & 0xFF, 1);
        assertEquals(0, out.rgb()[0] & 0xFF, "far from the edge nothing changes");
        assertEquals(255, out.rgb()[8 * 3] & 0xFF);
        assertTrue((out.rgb()[3 * 3] & 0xFF) == (out.rgb()[3 * 3 + 2] & 0xFF), "channels are blurred alike");
    }

    @Test
    void constantImagesAndTinySigmasAreUnchanged() {
        byte[] grey = new byte[5 * 4 * 3];
        Arrays.fill(grey, (byte) 77);
        RgbImage flat = new RgbImage(5, 4, grey);
        assertArrayEquals(grey, ImageOps.gaussianBlur(flat, 0.8).rgb());
        RgbImage e = edge();
        assertSame(e, ImageOps.gaussianBlur(e, 0.01));
    }

    @Test
    void cropOfAWindowHangingOverTheTopLeftCornerFillsWhatIsOutside() {
        // 3x2 labels 0..5; the 3x3 window at (-1, -1) keeps pixels (0,0), (1,0), (0,1), (1,1)
        LabelImage labels = new LabelImage(3, 2, new int[] {0, 1, 2, 3, 4, 5});
        assertArrayEquals(new int[] {9, 9, 9, 9, 0, 1, 9, 3, 4}, ImageOps.crop(labels, -1, -1, 3, 3, 9).values());
        RgbImage rgb = new RgbImage(2, 1, new byte[] {1, 2, 3, 4, 5, 6});
        assertArrayEquals(new byte[] {4, 5, 6, 0, 0, 0}, ImageOps.crop(rgb, 1, 0, 2, 1).rgb());
    }

    @Test
    void cropMatchesThePixelDefinitionAtEveryOffset() {
        int w = 5;
        int h = 4;
        int[] values = new int[w * h];
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = i + 1;
            rgb[i * 3] = (byte) i;
            rgb[i * 3 + 1] = (byte) (100 + i);
            rgb[i * 3 + 2] = (byte) (200 + i);
        }
        LabelImage labels = new LabelImage(w, h, values);
        RgbImage image = new RgbImage(w, h, rgb);
        for (int[] size : new int[][] {{3, 2}, {7, 6}, {1, 1}}) {
            for (int top = -size[1] - 1; top <= h + 1; top++) {
                for (int left = -size[0] - 1; left <= w + 1; left++) {
                    int[] expectedLabels = new int[size[0] * size[1]];
                    byte[] expectedRgb = new byte[size[0] * size[1] * 3];
                    for (int y = 0; y < size[1]; y++) {
                        for (int x = 0; x < size[0]; x++) {
                            int sx = left + x;
                            int sy = top + y;
                            boolean inside = sx >= 0 && sx < w && sy >= 0 && sy < h;
                            int o = y * size[0] + x;
                            expectedLabels[o] = inside ? values[sy * w + sx] : 255;
                            for (int c = 0; c < 3 && inside; c++) {
                                expectedRgb[o * 3 + c] = rgb[(sy * w + sx) * 3 + c];
                            }
                        }
                    }
                    String at = size[0] + "x" + size[1] + " at (" + left + ", " + top + ")";
                    assertArrayEquals(expectedLabels, ImageOps.crop(labels, left, top, size[0], size[1], 255).values(), at);
                    assertArrayEquals(expectedRgb, ImageOps.crop(image, left, top, size[0], size[1]).rgb(), at);
                }
            }
        }
    }
}
