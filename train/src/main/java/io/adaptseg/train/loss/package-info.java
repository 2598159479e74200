/**
 * Losses on NDArrays: pixel-wise cross-entropy with an ignore label on (N,C,H,W) logits (DJL's
 * built-in rejects (N,H,W) labels and has no ignore index), and the adversarial losses (BCE with
 * logits and least-squares) against a constant domain label.
 */
package io.adaptseg.train.loss;
