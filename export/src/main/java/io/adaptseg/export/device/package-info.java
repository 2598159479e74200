/**
 * The device self-check behind {@code adaptseg doctor --providers}: a built-in small segmentation model
 * ({@link io.adaptseg.export.device.ProbeModel}), run on each requested execution provider and on the
 * CPU with the same input, and judged with the thresholds export applies to the model's precision
 * ({@link io.adaptseg.export.device.DeviceCheck}). Lives beside export because the thresholds and the
 * ONNX writer live here; it needs ONNX Runtime (edge-runtime) but never DJL.
 */
package io.adaptseg.export.device;
