package io.adaptseg.runtime.provider;

import io.adaptseg.core.AdaptsegException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An ordered list of requested execution providers and a fallback policy, parsed from a spec such
 * as {@code cuda:0,cpu}, {@code tensorrt:device_id=0,fp16=true} or
 * {@code cann:device_id=0,precision_mode=force_fp32}. Commas separate both providers and options:
 * a token that starts with a provider name opens a new provider, a {@code key=value} token belongs
 * to the provider before it, and {@code name:N} is short for {@code name:device_id=N}.
 */
public record ExecutionProviders(List<ProviderSpec> requested, FallbackPolicy fallback) {
    /** CPU only. */
    public static final ExecutionProviders CPU_ONLY =
            new ExecutionProviders(List.of(new ProviderSpec(ProviderKind.CPU, Map.of())), FallbackPolicy.CPU);

    /** TensorRT shorthands, so that {@code tensorrt:fp16=true} works as users write it. */
    private static final Map<String, String> TENSORRT_ALIASES = Map.of(
            "fp16", "trt_fp16_enable",
            "int8", "trt_int8_enable",
            "engine_cache", "trt_engine_cache_enable",
            "engine_cache_path", "trt_engine_cache_path",
            "profile_min_shapes", "trt_profile_min_shapes",
            "profile_max_shapes", "trt_profile_max_shapes",
            "profile_opt_shapes", "trt_profile_opt_shapes",
            "max_workspace_size", "trt_max_workspace_size");

    public ExecutionProviders {
        if (requested.isEmpty()) {
            throw new IllegalArgumentException("at least one execution provider is needed");
        }
        requested = List.copyOf(requested);
    }

    /**
     * Parses a provider spec.
     *
     * @throws IllegalArgumentException naming the token that is wrong and what is allowed
     */
    public static ExecutionProviders parse(String spec, FallbackPolicy fallback) {
        List<ProviderKind> kinds = new ArrayList<>();
        List<Map<String, String>> options = new ArrayList<>();
        for (String raw : spec.split(",")) {
            String token = raw.trim();
            if (token.isEmpty()) {
                throw new IllegalArgumentException("empty entry in provider spec '" + spec + "'");
            }
            int colon = token.indexOf(':');
            String head = colon < 0 ? token : token.substring(0, colon);
            Optional<ProviderKind> kind = ProviderKind.bySpecName(head);
            if (kind.isPresent()) {
                kinds.add(kind.get());
                options.add(new LinkedHashMap<>());
                if (colon >= 0) {
                    addOption(kind.get(), options.getLast(), token.substring(colon + 1), spec);
                }
            } else if (token.contains("=") && !kinds.isEmpty()) {
                addOption(kinds.getLast(), options.getLast(), token, spec);
            } else {
                throw new IllegalArgumentException("unknown execution provider '" + head + "' in '" + spec
                        + "', expected cpu, cuda, tensorrt or cann (options as key=value)");
            }
        }
        List<ProviderSpec> specs = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            specs.add(new ProviderSpec(kinds.get(i), options.get(i)));
        }
        return new ExecutionProviders(specs, fallback);
    }

    private static void addOption(ProviderKind kind, Map<String, String> into, String option, String spec) {
        int eq = option.indexOf('=');
        if (eq < 0) {
            if (option.matches("\\d+")) {
                into.put("device_id", option);
                return;
            }
            throw new IllegalArgumentException("bad option '" + option + "' for " + kind.specName() + " in '" + spec
                    + "': expected key=value or a device number");
        }
        String key = option.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        String value = option.substring(eq + 1).trim();
        if (key.isEmpty() || value.isEmpty()) {
            throw new IllegalArgumentException("bad option '" + option + "' for " + kind.specName() + " in '" + spec + "'");
        }
        if (kind == ProviderKind.TENSORRT) {
            key = TENSORRT_ALIASES.getOrDefault(key, key);
        }
        into.put(key, value);
    }

    /**
     * Appends the requested providers in order through {@code appender}, applying the fallback
     * policy. CPU needs no append: ONNX Runtime always has it, last.
     *
     * @param backend the backend's name, for messages
     * @throws AdaptsegException when a provider is unavailable and the policy is {@link FallbackPolicy#FAIL}
     */
    public ProviderOutcome applyTo(ProviderAppender appender, String backend) throws AdaptsegException {
        List<String> problems = new ArrayList<>();
        ProviderKind active = null;
        for (ProviderSpec spec : requested) {
            if (spec.kind() == ProviderKind.CPU) {
                if (active == null) {
                    active = ProviderKind.CPU;
                }
                continue;
            }
            try {
                appender.append(spec);
                if (active == null) {
                    active = spec.kind();
                }
            } catch (ProviderUnavailableException e) {
                String problem = "execution provider " + spec + " is not available on the " + backend
                        + " backend: " + e.getMessage() + "; " + spec.kind().requirement();
                if (fallback == FallbackPolicy.FAIL) {
                    throw new AdaptsegException(problem + " (--fallback fail)", e);
                }
                problems.add(problem);
            }
        }
        return new ProviderOutcome(active == null ? ProviderKind.CPU : active, problems);
    }
}
