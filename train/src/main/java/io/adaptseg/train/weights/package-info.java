/**
 * Weight files: import of segmenter parameters from PyTorch checkpoints ({@code torch.save}, read by
 * {@link io.adaptseg.train.weights.torch}), {@code .npz} and {@code .safetensors}, and export as
 * {@code .npz}/{@code .safetensors}, under one of the {@link io.adaptseg.train.weights.NameMap}s
 * (given, or detected from the file's names). The maps and their sources: {@code docs/weights.md}.
 */
package io.adaptseg.train.weights;
