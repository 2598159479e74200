/**
 * Export of trained segmenters to ONNX files that follow the model contract (docs/ARCHITECTURE.md,
 * "Contracts"), and parity checks that prove the exported file predicts what the trained network
 * does; {@link io.adaptseg.export.ExportGate} joins the two, so that no model that fails parity is
 * written. Subpackages: {@code onnx} (graph building, passes, checking on the raw ONNX protobuf
 * classes), {@code emit} (one emitter per network block type), {@code metadata} (what the file says
 * about itself), {@code parity} (DJL PyTorch vs ONNX Runtime vs the edge runtime).
 */
package io.adaptseg.export;
