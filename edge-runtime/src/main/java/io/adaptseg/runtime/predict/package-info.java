/**
 * Prediction from the model metadata alone: resizing to the training size (half-pixel bilinear, as
 * the graph's Resize), normalisation, batching, flip averaging, sliding windows with overlap
 * blending of logits, and labels at the original image size.
 */
package io.adaptseg.runtime.predict;
