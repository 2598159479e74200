package io.adaptseg.runtime.provider;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One requested execution provider and its options, keys as ONNX Runtime's provider options name
 * them (CUDA {@code gpu_mem_limit}, TensorRT {@code trt_fp16_enable}, CANN {@code precision_mode}...).
 * Options pass through to ONNX Runtime unchecked, so keys of newer releases work and an unknown key
 * gets ONNX Runtime's own message; the only local check is on {@code device_id}, which the backends
 * read themselves.
 */
public record ProviderSpec(ProviderKind kind, Map<String, String> options) {

    public ProviderSpec {
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        if (kind == ProviderKind.CPU && !options.isEmpty()) {
            throw new IllegalArgumentException("provider cpu takes no options, found " + options.keySet());
        }
        String device = options.get("device_id");
        if (device != null && !device.matches("\\d+")) {
            throw new IllegalArgumentException("device_id of " + kind.specName()
                    + " must be a non-negative integer, found '" + device + "'");
        }
    }

    /** The device id option, 0 when absent. */
    public int deviceId() {
        String device = options.get("device_id");
        return device == null ? 0 : Integer.parseInt(device);
    }

    /** Back to the spec form, e.g. {@code tensorrt:device_id=0,trt_fp16_enable=true}. */
    @Override
    public String toString() {
        if (options.isEmpty()) {
            return kind.specName();
        }
        return kind.specName() + ":" + options.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
