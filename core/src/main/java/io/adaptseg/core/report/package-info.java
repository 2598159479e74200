/**
 * Score reports: the reference text table ({@code ===>road:\t81.24} … {@code ===> mIoU: 41.79}),
 * JSON, CSV and a PNG with per-class IoU bars and the normalised confusion matrix. Every file is
 * written atomically.
 */
package io.adaptseg.core.report;
