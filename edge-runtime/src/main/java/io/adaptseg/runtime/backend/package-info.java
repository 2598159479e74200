/**
 * The two ONNX Runtime backends behind one interface: {@link io.adaptseg.runtime.backend.OrtJavaBackend}
 * on the official {@code ai.onnxruntime} JNI API (cpu, cuda, tensorrt) and
 * {@link io.adaptseg.runtime.nativeort.OrtNativeBackend} on the C API through FFM (any provider the
 * library was built with, CANN included, and IoBinding). They see tensors as flat Java arrays, and
 * share the description, run checks and close of {@link io.adaptseg.runtime.backend.SessionBackend}.
 */
package io.adaptseg.runtime.backend;
