/**
 * Static int8 quantisation of an exported float32 graph in QDQ form (docs/int8.md): weights int8 per
 * output channel, symmetric ({@link WeightQuantizer}); activations calibrated on real images through
 * the model's own preprocessing ({@link io.adaptseg.export.calibration}) and quantised by
 * QuantizeLinear → DequantizeLinear pairs ({@link QuantParams}); which tensors and convolutions are
 * quantised and the rewrite itself ({@link QdqRewriter}); the whole pass ({@link Int8Quantization}).
 * ONNX Runtime fuses the pairs around Conv, Add and MaxPool into its integer kernels.
 */
package io.adaptseg.export.int8;
