/**
 * Losses on NDArrays: pixel-wise cross-entropy with an ignore label on (N,C,H,W) logits (DJL's
 * built-in rejects (N,H,W) labels and has no ignore index), and the adversarial losses (BCE with
 * logits and least-squares) against a constant domain label. The adaptation methods' own terms:
 * CLAN's focal cross-entropy, weight map, weighted BCE and weight discrepancy; MaxSquare's plain and
 * image-wise weighted maximum squares and its pseudo-labels; CAG's class centroids, anchor-based
 * pseudo-labels and anchor distance loss.
 */
package io.adaptseg.train.loss;
