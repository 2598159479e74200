package io.adaptseg.runtime.predict;

import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.labels.LabelSet;

/** Class indices of the model's label set for one image, at the image's original size. */
public record Prediction(LabelImage classes, LabelSet labelSet) {
    /** The same map as Cityscapes trainIds (the on-disk prediction format). */
    public LabelImage trainIds() {
        int[] in = classes.values();
        int[] out = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = labelSet.toTrainId(in[i]);
        }
        return new LabelImage(classes.width(), classes.height(), out);
    }
}
