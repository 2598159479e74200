/**
 * The one confusion matrix of the project and the metrics computed from it (per-class IoU, mIoU as
 * nan-mean, FWIoU, pixel accuracy, mean class accuracy; docs/methods.md "Scoring"). Training validation,
 * parity checks and {@code adaptseg score} all count pixels here, so every number is computed one way.
 */
package io.adaptseg.core.metrics;
