package io.adaptseg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages inside {@code train} depend one way: read from the main sources' imports and fully
 * qualified names (comments left out), the graph of {@code train.<package>} → {@code train.<package>}
 * has no loop, so every arrow points down (docs/ARCHITECTURE.md). A sub-package counts as its parent
 * ({@code model.blocks} is {@code model}).
 */
class PackageLayersTest {
    private static final Path SOURCES = Path.of("src", "main", "java", "io", "adaptseg", "train");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.adaptseg\\.train\\.([a-z][a-z0-9]*)\\b");
    private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");

    @Test
    void packagesInsideTrainFormNoLoop() throws IOException {
        Map<String, Set<String>> graph = packageGraph(SOURCES);
        assertTrue(graph.containsKey("translator") && graph.containsKey("translation") && graph.containsKey("run"),
                "scanned " + graph.keySet());
        assertEquals(Optional.empty(), loop(graph), "a loop between packages of train: " + graph);
        // the split this test keeps: the translator's networks use no run, loop or method
        assertTrue(graph.get("translator").stream().noneMatch(Set.of("translation", "run", "loop", "method")::contains),
                "translator -> " + graph.get("translator"));
        assertTrue(graph.get("method").contains("translator"), "method -> " + graph.get("method"));
    }

    @Test
    void aLoopIsFoundAndNamed() {
        Map<String, Set<String>> graph = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"),
                "d", Set.of("a")));
        assertEquals(Optional.of(List.of("a", "b", "c", "a")), loop(graph));
        assertEquals(Optional.empty(), loop(Map.of("a", Set.of("b"), "b", Set.of(), "c", Set.of("a", "b"))));
    }

    /** Package → the other packages of train that its files name. */
    static Map<String, Set<String>> packageGraph(Path root) throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = root.relativize(f);
                if (rel.getNameCount() < 2) {
                    continue; // train's own package-info
                }
                String from = rel.getName(0).toString();
                Set<String> to = graph.computeIfAbsent(from, k -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(COMMENTS.matcher(Files.readString(f)).replaceAll(" "));
                while (m.find()) {
                    if (!m.group(1).equals(from)) {
                        to.add(m.group(1));
                    }
                }
            }
        }
        return graph;
    }

    /** A loop of the graph (its first package repeated at the end), if there is one. */
    static Optional<List<String>> loop(Map<String, Set<String>> graph) {
        Map<String, Integer> state = new TreeMap<>(); // 1: on the path, 2: done
        for (String start : new TreeSet<>(graph.keySet())) {
            Optional<List<String>> found = visit(start, graph, state, new ArrayList<>());
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> visit(String node, Map<String, Set<String>> graph, Map<String, Integer> state,
            List<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return Optional.empty();
        }
        path.add(node);
        if (s != null) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            return Optional.of(cycle);
        }
        state.put(node, 1);
        for (String next : new TreeSet<>(graph.getOrDefault(node, Set.of()))) {
            Optional<List<String>> found = visit(next, graph, state, path);
            if (found.isPresent()) {
                return found;
            }
        }
        state.put(node, 2);
        path.removeLast();
        return Optional.empty();
    }
}
