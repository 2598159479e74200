/**
 * Validation during training: the method's evaluation logits on a labelled held-out set, upsampled
 * bilinearly to the label size as the reference evaluation scripts do, counted in {@code core}'s
 * {@link io.adaptseg.core.metrics.ConfusionMatrix} and reported with {@code core}'s metrics and
 * protocols, so training numbers are computed exactly as {@code adaptseg score} computes them.
 */
package io.adaptseg.train.eval;
