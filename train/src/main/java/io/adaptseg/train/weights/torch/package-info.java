/**
 * PyTorch checkpoints without Python: {@link io.adaptseg.train.weights.torch.TorchFiles} reads the zip
 * and legacy formats of {@code torch.save}, interpreting the pickle with a small opcode machine
 * ({@code PickleReader}) that knows only the globals a state dict needs ({@code AllowedGlobals}) and
 * never executes pickled code. Values come out as {@link io.adaptseg.train.weights.torch.TorchTensor}s
 * in float32 (float16, bfloat16, float64 storages converted) or int64.
 */
package io.adaptseg.train.weights.torch;
