/**
 * The one implementation of resampling, horizontal flipping and per-pixel argmax on flat arrays, shared
 * by training data, validation, parity and the edge runtime, so that none of them can drift from
 * another. Two coordinate conventions ({@link io.adaptseg.core.resample.Convention}): half-pixel
 * (PyTorch {@code align_corners=False}, ONNX {@code half_pixel}) and align-corners (PyTorch
 * {@code align_corners=True}, ONNX {@code align_corners}), the one the reference repositories use to
 * upsample logits. Tested against numbers from PyTorch's {@code F.interpolate}. Input images can also
 * be resized as PIL does ({@link io.adaptseg.core.resample.ImageResize}: bicubic and bilinear,
 * antialiased when shrinking), tested byte for byte against Pillow.
 */
package io.adaptseg.core.resample;
