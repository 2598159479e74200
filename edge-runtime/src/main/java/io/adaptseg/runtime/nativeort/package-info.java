/**
 * The native backend: downcalls into the ONNX Runtime C API ({@code OrtGetApiBase()->GetApi(29)})
 * through the Foreign Function &amp; Memory API, on any libonnxruntime.so. {@link
 * io.adaptseg.runtime.nativeort.OrtApi} holds the function table (0-based slots counted from the 1.29
 * {@code onnxruntime_c_api.h}) and the downcall plumbing, {@link
 * io.adaptseg.runtime.nativeort.OrtSessionCalls} the session calls and {@link
 * io.adaptseg.runtime.nativeort.OrtValueCalls} the tensor and IoBinding calls; {@link
 * io.adaptseg.runtime.nativeort.OrtLibraries} finds and loads libraries; {@link
 * io.adaptseg.runtime.nativeort.OrtNativeBackend} is one session.
 */
package io.adaptseg.runtime.nativeort;
