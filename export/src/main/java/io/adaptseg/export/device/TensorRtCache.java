package io.adaptseg.export.device;

import io.adaptseg.runtime.provider.ProviderKind;
import io.adaptseg.runtime.provider.ProviderSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the check keeps TensorRT's engines, so that a second run loads them instead of building them
 * again (minutes for a large network): {@code <root>/<model sha256>/}, the root being
 * {@code $XDG_CACHE_HOME/adaptseg/tensorrt} or {@code ~/.cache/adaptseg/tensorrt} unless
 * {@code --tensorrt-cache} names another. The options are ONNX Runtime's own TensorRT provider options
 * ({@code trt_engine_cache_enable}, {@code trt_engine_cache_path}); both backends pass provider
 * options through as key/value strings, so the same two entries work on either. Options the user
 * wrote in the spec win.
 *
 * @param root the folder holding one sub-folder per model
 */
public record TensorRtCache(Path root) {
    public static final String ENABLE = "trt_engine_cache_enable";
    public static final String PATH = "trt_engine_cache_path";

    /** The default root for this environment and home folder. */
    public static Path defaultRoot(Map<String, String> env, String userHome) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(userHome, ".cache");
        return base.resolve("adaptseg").resolve("tensorrt");
    }

    /** The default root of this process. */
    public static TensorRtCache standard() {
        return new TensorRtCache(defaultRoot(System.getenv(), System.getProperty("user.home")));
    }

    /** The engine folder of a model. */
    public Path folder(String modelSha256) {
        return root.resolve(modelSha256);
    }

    /**
     * The state of the cache of one TensorRT entry before its session is opened.
     *
     * @param folder where the engines go
     * @param enabled false when the spec turned the cache off
     * @param filesBefore files in the folder before this run (more than 0: engines are reused)
     * @param created whether this run created the folder (removed again when TensorRT did not open and left it empty)
     */
    public record State(Path folder, boolean enabled, int filesBefore, boolean created) {
        /**
         * E.g. "engine cache /c/tensorrt/ab12…: reused (2 files from an earlier run)".
         *
         * @param opened whether the TensorRT session opened (else nothing was built or reused)
         */
        public String describe(boolean opened) {
            if (!enabled) {
                return "engine cache off (" + ENABLE + " in the spec)";
            }
            if (!opened) {
                return "engine cache " + folder + " (unused: TensorRT did not open)";
            }
            if (filesBefore > 0) {
                return "engine cache " + folder + ": reused (" + filesBefore + " files from an earlier run)";
            }
            return "engine cache " + folder + ": nothing to reuse, built now (" + count(folder) + " files after the run)";
        }

        /** Removes a folder this run created when nothing was written into it. */
        public void discardIfUnused() {
            if (created && count(folder) == 0) {
                try {
                    Files.deleteIfExists(folder);
                } catch (IOException e) {
                    // an empty folder left behind is harmless; the next run uses it
                }
            }
        }
    }

    /**
     * The spec with the cache switched on in this model's folder (created), unless the spec sets the
     * options itself; non-TensorRT specs are returned unchanged.
     *
     * @throws IOException when the folder cannot be created
     */
    public Prepared prepare(ProviderSpec spec, String modelSha256) throws IOException {
        if (spec.kind() != ProviderKind.TENSORRT) {
            throw new IllegalArgumentException("only tensorrt keeps an engine cache, found " + spec.kind().specName());
        }
        String enable = spec.options().getOrDefault(ENABLE, "1").trim();
        boolean enabled = !(enable.equals("0") || enable.equalsIgnoreCase("false"));
        Path folder = spec.options().containsKey(PATH) ? Path.of(spec.options().get(PATH)) : folder(modelSha256);
        Map<String, String> options = new LinkedHashMap<>(spec.options());
        boolean created = false;
        if (enabled) {
            options.putIfAbsent(ENABLE, "1");
            options.putIfAbsent(PATH, folder.toString());
            created = !Files.isDirectory(folder);
            Files.createDirectories(folder);
        }
        return new Prepared(new ProviderSpec(spec.kind(), options), new State(folder, enabled, count(folder), created));
    }

    /** A TensorRT spec with its cache options, and the cache's state before the run. */
    public record Prepared(ProviderSpec spec, State state) {
    }

    private static int count(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return (int) files.count();
        } catch (IOException e) {
            return 0;
        }
    }
}
