/**
 * Parity: the same inputs through the trained network (DJL, PyTorch engine), the exported graph
 * (ONNX Runtime through DJL's OnnxRuntime engine) and, on a dataset, the deployed path (the edge
 * runtime with its own pre- and post-processing); numbers, thresholds and a JSON report.
 */
package io.adaptseg.export.parity;
