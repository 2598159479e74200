/**
 * Weight files: import and export of segmenter parameters as {@code .npz} or {@code .safetensors}
 * (DJL's {@code NDList.decode}/{@code encode}) under one of the {@link io.adaptseg.train.weights.NameMap}s.
 */
package io.adaptseg.train.weights;
