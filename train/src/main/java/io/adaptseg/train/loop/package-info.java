/**
 * The training loop: schedules, the reference log line, CSV/JSONL metrics, progress with ETA,
 * periodic validation with best-checkpoint tracking, loss/mIoU curves as PNG, atomic checkpoints,
 * resume, and the stop on a non-finite loss.
 */
package io.adaptseg.train.loop;
