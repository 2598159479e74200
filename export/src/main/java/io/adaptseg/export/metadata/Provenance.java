package io.adaptseg.export.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Where a model came from: the training config, library versions, the git commit of the code that
 * exported it, JVM and OS. Serialised as one JSON object into {@code adaptseg.provenance}.
 *
 * @param config the training config as JSON (empty object when unknown)
 * @param versions library name → version (adaptseg, djl, pytorch, onnxruntime, opset, ...)
 * @param export how the model was exported (checkpoint, head, folding, precision)
 * @param gitCommit the commit of the exporting code, or "unknown"
 */
public record Provenance(JsonNode config, Map<String, String> versions, Map<String, String> export, String gitCommit,
                         String jvm, String os, String createdAt) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Provenance {
        versions = Map.copyOf(versions);
        export = Map.copyOf(export);
    }

    /** Provenance of an export happening now in this JVM. */
    public static Provenance now(JsonNode config, Map<String, String> versions, Map<String, String> export) {
        return new Provenance(config == null ? JSON.createObjectNode() : config, versions, export, currentGitCommit(),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                Instant.now().toString());
    }

    /** The JSON written into the model. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.set("config", config);
        ObjectNode v = root.putObject("versions");
        new TreeMap<>(versions).forEach(v::put);
        ObjectNode x = root.putObject("export");
        new TreeMap<>(export).forEach(x::put);
        root.put("git_commit", gitCommit);
        root.put("jvm", jvm);
        root.put("os", os);
        root.put("created_at", createdAt);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise provenance", e);
        }
    }

    /** Parses what {@link #toJson()} wrote. */
    public static Provenance fromJson(String json) throws IOException {
        JsonNode root = JSON.readTree(json);
        Map<String, String> versions = new TreeMap<>();
        root.path("versions").properties().forEach(e -> versions.put(e.getKey(), e.getValue().asText()));
        Map<String, String> export = new TreeMap<>();
        root.path("export").properties().forEach(e -> export.put(e.getKey(), e.getValue().asText()));
        return new Provenance(root.path("config"), versions, export, root.path("git_commit").asText("unknown"),
                root.path("jvm").asText(""), root.path("os").asText(""), root.path("created_at").asText(""));
    }

    /**
     * The commit of the git checkout this code was built from (found from the location of its
     * classes, so it works from any working directory), with "-dirty" when tracked files have
     * uncommitted changes, or "unknown" when there is no git or no checkout: provenance must never
     * fail an export.
     */
    static String currentGitCommit() {
        String head = git("rev-parse", "HEAD");
        if (head == null) {
            return "unknown";
        }
        String status = git("status", "--porcelain", "--untracked-files=no");
        return status != null && !status.isEmpty() ? head + "-dirty" : head;
    }

    private static Path codeDirectory() {
        try {
            Path code = Path.of(Provenance.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.toFile().isDirectory() ? code : code.getParent();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    private static String git(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process p = new ProcessBuilder(command).directory(codeDirectory().toFile())
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            return new String(out, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
