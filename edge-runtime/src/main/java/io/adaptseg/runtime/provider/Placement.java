package io.adaptseg.runtime.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Where ONNX Runtime placed the nodes of a session's (optimised) graph, per execution provider, as
 * its profiler recorded them: every node that ran has a {@code <node>_kernel_time} event whose args
 * name its {@code provider} and {@code op_name}. This is what ran, not what was asked for.
 *
 * @param nodes nodes per provider, most first
 * @param opTypes each provider's operator types, sorted
 */
public record Placement(Map<String, Integer> nodes, Map<String, List<String>> opTypes) {
    private static final String CPU = ProviderKind.CPU.ortName();

    public Placement {
        nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        opTypes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(opTypes));
    }

    /**
     * Reads an ONNX Runtime profile (a Chrome trace: a JSON array of events).
     *
     * @throws IOException naming the file when it is not such a profile
     */
    public static Placement fromProfile(Path file) throws IOException {
        JsonNode root = ProfileEvents.read(file);
        Map<String, TreeSet<String>> nodeNames = new LinkedHashMap<>();
        Map<String, TreeSet<String>> ops = new LinkedHashMap<>();
        for (JsonNode event : root) {
            String name = event.path("name").asText("");
            JsonNode args = event.path("args");
            if (!"Node".equals(event.path("cat").asText()) || !name.endsWith("_kernel_time") || !args.has("provider")) {
                continue;
            }
            String provider = args.get("provider").asText();
            nodeNames.computeIfAbsent(provider, k -> new TreeSet<>()).add(name);
            ops.computeIfAbsent(provider, k -> new TreeSet<>()).add(args.path("op_name").asText("?"));
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, List<String>> opTypes = new LinkedHashMap<>();
        nodeNames.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, TreeSet<String>>>comparingInt(e -> -e.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> {
                    counts.put(e.getKey(), e.getValue().size());
                    opTypes.put(e.getKey(), List.copyOf(ops.get(e.getKey())));
                });
        return new Placement(counts, opTypes);
    }

    /** Nodes that ran on the CPU provider while another provider ran the rest; empty for CPU-only sessions. */
    public List<String> cpuOpTypesBesideAccelerator() {
        if (nodes.size() < 2 || !nodes.containsKey(CPU)) {
            return List.of();
        }
        return opTypes.get(CPU);
    }

    /**
     * One line, e.g. {@code placement: CANNExecutionProvider 352 nodes, CPUExecutionProvider 6 nodes
     * (Resize, ArgMax)}: the CPU's operator types are listed when it ran nodes beside an accelerator.
     */
    public String toLine() {
        if (nodes.isEmpty()) {
            return "placement: no node ran";
        }
        List<String> parts = new ArrayList<>();
        nodes.forEach((provider, n) -> {
            String ops = provider.equals(CPU) && nodes.size() > 1 ? " (" + String.join(", ", opTypes.get(provider)) + ")" : "";
            parts.add(provider + " " + n + (n == 1 ? " node" : " nodes") + ops);
        });
        return "placement: " + String.join(", ", parts);
    }
}
