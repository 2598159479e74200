package io.adaptseg.train.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.adaptseg.train.data.Batch;
import java.util.Optional;

/** Small learnable batches: the label of a pixel is a function of its colour. */
public final class Batches {
    private Batches() {
    }

    /** Images whose left half is bright (class 1) and right half dark (class 0), shifted by {@code seed}. */
    public static Batch labelled(NDManager m, int n, int h, int w, int seed) {
        float[] img = new float[n * 3 * h * w];
        int[] lab = new int[n * h * w];
        java.util.Random r = new java.util.Random(seed);
        for (int b = 0; b < n; b++) {
            int split = w / 4 + r.nextInt(w / 2);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int cls = x < split ? 1 : 0;
                    lab[(b * h + y) * w + x] = y == 0 ? 255 : cls;
                    for (int c = 0; c < 3; c++) {
                        img[((b * 3 + c) * h + y) * w + x] = (cls == 1 ? 0.8f : -0.8f) + 0.1f * (float) r.nextGaussian();
                    }
                }
            }
        }
        NDArray images = m.create(img, new Shape(n, 3, h, w));
        NDArray labels = m.create(lab, new Shape(n, h, w));
        return new Batch(images, Optional.of(labels));
    }

    /** The same kind of images without labels and with a brightness shift (the "target domain"). */
    public static Batch unlabelled(NDManager m, int n, int h, int w, int seed) {
        Batch b = labelled(m, n, h, w, seed);
        return new Batch(b.images().add(0.3f), Optional.empty());
    }
}
