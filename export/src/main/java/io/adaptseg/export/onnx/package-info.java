/**
 * ONNX graphs on the raw protobuf classes of {@code ai.onnx.proto.OnnxMl}: a builder that keeps
 * names unique, tensor conversions (float32, float16, int64), graph passes (batch-norm folding,
 * float16 conversion), model files (read, write atomically) and the structural checker that every
 * exported file passes before a command reports success.
 */
package io.adaptseg.export.onnx;
