/**
 * The lean inference engine of adaptseg (no DJL): {@link io.adaptseg.runtime.SegmentationSession}
 * opens an exported model on one of two ONNX Runtime backends and checks it against the model
 * contract ({@link io.adaptseg.core.model.ModelMetadata}, parsed from the {@code adaptseg.*} metadata).
 * Subpackages: {@code backend} and {@code nativeort} (the two bindings), {@code provider} (execution
 * providers), {@code predict} (pre/post-processing, flips, sliding windows) and {@code pipeline}
 * (streaming batch prediction). The runtime benchmark lives in the bench module.
 */
package io.adaptseg.runtime;
