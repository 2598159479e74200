package io.adaptseg.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
