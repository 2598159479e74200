/**
 * Scoring label predictions against ground truth: protocols (cityscapes19, synthia16, synthia13),
 * pairing prediction files with ground-truth files by Cityscapes naming, and the parallel scoring
 * run behind {@code adaptseg score}. How files store labels is core's
 * {@link io.adaptseg.core.dataset.LabelDecoder}. In-memory callers (training validation, batch
 * prediction) use {@link io.adaptseg.core.scoring.PairScorer} directly.
 */
package io.adaptseg.core.scoring;
