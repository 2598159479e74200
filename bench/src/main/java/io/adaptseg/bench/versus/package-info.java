/**
 * The side-by-side benchmark of a network on DJL's PyTorch engine (eager) and on the edge runtime,
 * with the multiply-adds counted from the ONNX graph and the machine's float32 GEMM peak measured
 * here, so both speeds read as fractions of what this machine can do.
 */
package io.adaptseg.bench.versus;
