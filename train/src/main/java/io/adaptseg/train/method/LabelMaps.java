package io.adaptseg.train.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.train.data.ImageOps;

/** Label maps on the engine brought to a network's output size (nearest neighbour, never interpolated). */
final class LabelMaps {
    private LabelMaps() {
    }

    /** (N, H, W) integer labels resized to (N, height, width) by {@link ImageOps#resizeNearest}; int32. */
    static NDArray nearest(NDArray labels, long height, long width) {
        Shape s = labels.getShape();
        if (s.get(1) == height && s.get(2) == width) {
            return labels.toType(DataType.INT32, false);
        }
        int n = (int) s.get(0);
        int h = (int) s.get(1);
        int w = (int) s.get(2);
        int[] all = labels.toType(DataType.INT32, false).toIntArray();
        int[] out = new int[(int) (n * height * width)];
        for (int b = 0; b < n; b++) {
            int[] one = java.util.Arrays.copyOfRange(all, b * h * w, (b + 1) * h * w);
            LabelImage small = ImageOps.resizeNearest(new LabelImage(w, h, one), (int) width, (int) height);
            System.arraycopy(small.values(), 0, out, (int) (b * height * width), (int) (height * width));
        }
        return labels.getManager().create(out, new Shape(n, height, width));
    }
}
