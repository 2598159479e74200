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

    /** A session and what it ended up running on. */
    public record Opened<S>(S session, ProviderOutcome outcome) {
    }

    /**
     * Creates a session with the requested accelerators (CPU entries need no append: ONNX Runtime
     * always has the CPU provider, last), applying the fallback policy at both stages where a provider
     * can fail: appending it to the session options, and creating the session with it (device missing
     * at initialisation, graph compilation, device memory). Under {@link FallbackPolicy#CPU} a failed
     * provider is dropped with the reason recorded and the session is tried again with the rest, in the
     * end on the CPU alone. Under {@link FallbackPolicy#FAIL} the first failure is the error, and
     * compute nodes that ONNX Runtime would place on the CPU fail the session too
     * ({@code session.disable_cpu_ep_fallback}).
     *
     * @param backend the backend's name, for messages
     * @throws AdaptsegException naming the provider and ONNX Runtime's reason under fallback fail; or
     *     ONNX Runtime's reason when even the CPU-only session cannot be created (the model is at fault)
     */
    public <S> Opened<S> open(SessionAttempt<S> attempt, String backend) throws AdaptsegException {
        List<ProviderSpec> candidates = new ArrayList<>(requested.stream().filter(s -> s.kind() != ProviderKind.CPU).toList());
        List<String> problems = new ArrayList<>();
        while (true) {
            boolean strict = fallback == FallbackPolicy.FAIL && !candidates.isEmpty();
            try {
                S session = attempt.create(List.copyOf(candidates), strict);
                return new Opened<>(session, new ProviderOutcome(
                        candidates.isEmpty() ? ProviderKind.CPU : candidates.getFirst().kind(), problems));
            } catch (ProviderUnavailableException e) {
                ProviderSpec spec = e.spec().orElse(candidates.getFirst());
                String problem = "execution provider " + spec + " is not available on the " + backend
                        + " backend: " + MissingLibrary.describeFailure(e.getMessage()) + "; " + spec.kind().requirement();
                if (fallback == FallbackPolicy.FAIL) {
                    throw new AdaptsegException(problem + " (--fallback fail)", e);
                }
                problems.add(problem);
                candidates.remove(spec);
            } catch (SessionCreationException e) {
                if (candidates.isEmpty()) {
                    throw new AdaptsegException("ONNX Runtime cannot load the model: " + e.getMessage(), e);
                }
                ProviderSpec first = candidates.getFirst();
                String problem = "ONNX Runtime appended " + names(candidates) + " on the " + backend
                        + " backend but could not create the session: " + MissingLibrary.describeFailure(e.getMessage());
                if (fallback == FallbackPolicy.FAIL) {
                    throw new AdaptsegException(problem + (strict ? " (--fallback fail also refuses compute nodes"
                            + " on the CPU: session.disable_cpu_ep_fallback)" : " (--fallback fail)"), e);
                }
                problems.add(problem + "; retrying without " + first);
                candidates.removeFirst();
            }
        }
    }

    private static String names(List<ProviderSpec> specs) {
        return specs.stream().map(ProviderSpec::toString).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }
}
