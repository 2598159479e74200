package io.adaptseg.core.model;

import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.core.resample.Convention;
import io.adaptseg.core.resample.ImageResize;

/**
 * What the runtime needs to pre- and post-process a model: its label set, normalisation, the training
 * input size and how images are resized to it, the output stride and how logits are upsampled.
 *
 * @param inputHeight training input height (the runtime resizes inputs to it)
 * @param logitsUpsampling how logits are upsampled to the image: the convention the network was
 *     trained and evaluated with (the reference repositories use align-corners); models written
 *     before the key existed were half-pixel
 * @param inputResize how images are resized to the input size: the resize the network was trained
 *     with ({@code image-resize}); models written before the key existed were bilinear
 */
public record ModelContract(LabelSet labelSet, Normalization normalization, int inputHeight, int inputWidth,
                            int outputStride, Convention logitsUpsampling, ImageResize inputResize) {
    public ModelContract {
        if (labelSet == null || normalization == null) {
            throw new IllegalArgumentException("label set and normalisation must be given");
        }
        if (inputHeight <= 0 || inputWidth <= 0) {
            throw new IllegalArgumentException("input size must be positive, found " + inputHeight + "x" + inputWidth);
        }
        if (outputStride <= 0) {
            throw new IllegalArgumentException("output stride must be positive, found " + outputStride);
        }
        if (logitsUpsampling == null || inputResize == null) {
            throw new IllegalArgumentException("logits upsampling and input resize must be given");
        }
    }

    /** The same contract with another normalisation. */
    public ModelContract withNormalization(Normalization value) {
        return new ModelContract(labelSet, value, inputHeight, inputWidth, outputStride, logitsUpsampling, inputResize);
    }
}
