/**
 * The model contract shared by training, export and the runtime: input normalisation and the
 * {@code adaptseg.*} metadata keys an exported ONNX model carries (docs/ARCHITECTURE.md, "Contracts").
 */
package io.adaptseg.core.model;
