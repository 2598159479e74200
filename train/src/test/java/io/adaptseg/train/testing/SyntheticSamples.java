package io.adaptseg.train.testing;

import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.train.data.DecodedSample;
import io.adaptseg.train.data.SampleDecoder;
import java.util.Optional;
import java.util.Random;

/**
 * Generated samples for loop tests: sample i is a 64x32 image whose pixels left of a random split
 * are bright (class 1) and the rest dark (class 0); the target domain is brighter overall.
 */
public final class SyntheticSamples {
    private SyntheticSamples() {
    }

    public static SampleDecoder<Integer> decoder(boolean target) {
        return i -> {
            Random r = new Random(i * 7919L + (target ? 1 : 0));
            int w = 64;
            int h = 32;
            int split = 16 + r.nextInt(32);
            byte[] rgb = new byte[w * h * 3];
            int[] labels = new int[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int cls = x < split ? 1 : 0;
                    labels[y * w + x] = cls;
                    int base = (cls == 1 ? 190 : 60) + (target ? 40 : 0) + r.nextInt(20);
                    for (int c = 0; c < 3; c++) {
                        rgb[(y * w + x) * 3 + c] = (byte) Math.min(255, base);
                    }
                }
            }
            return new DecodedSample("sample" + i, new RgbImage(w, h, rgb),
                    Optional.of(new LabelImage(w, h, labels)));
        };
    }
}
