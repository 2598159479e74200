/**
 * Activation statistics of an exported float32 graph on real images: every intermediate tensor is
 * made a graph output of a copy of the model, ONNX Runtime runs calibration images through it with the
 * model's own preprocessing, and each tensor's min, max and largest |x| are kept. The float16 range
 * report reads them; INT8 calibration needs the same min/max, so the pass is not float16-specific.
 */
package io.adaptseg.export.calibration;
