package io.adaptseg.runtime.provider;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One requested execution provider and its options, keys as ONNX Runtime's provider options name
 * them (CUDA {@code gpu_mem_limit}, TensorRT {@code trt_fp16_enable}, CANN {@code precision_mode}...).
 */
public record ProviderSpec(ProviderKind kind, Map<String, String> options) {
    /** The CANN provider options ONNX Runtime 1.29 accepts. */
    public static final Set<String> CANN_OPTIONS = Set.of("device_id", "npu_mem_limit", "arena_extend_strategy",
            "enable_cann_graph", "dump_graphs", "dump_om_model", "precision_mode", "op_select_impl_mode",
            "optypelist_for_implmode");

    public ProviderSpec {
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        if (kind == ProviderKind.CPU && !options.isEmpty()) {
            throw new IllegalArgumentException("provider cpu takes no options, found " + options.keySet());
        }
        if (kind == ProviderKind.CANN) {
            for (String key : options.keySet()) {
                if (!CANN_OPTIONS.contains(key)) {
                    throw new IllegalArgumentException("unknown cann option '" + key + "', expected one of "
                            + CANN_OPTIONS.stream().sorted().toList());
                }
            }
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
