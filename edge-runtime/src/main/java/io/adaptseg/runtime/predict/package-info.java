/**
 * Prediction from the model metadata alone: resizing to the training size with the resize training
 * used ({@code adaptseg.input_resize}: bilinear, PIL bicubic or PIL bilinear), normalisation, batching,
 * flip averaging, sliding windows with overlap blending of logits, and labels at the original image size.
 */
package io.adaptseg.runtime.predict;
