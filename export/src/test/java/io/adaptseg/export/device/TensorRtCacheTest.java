package io.adaptseg.export.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.runtime.provider.ExecutionProviders;
import io.adaptseg.runtime.provider.FallbackPolicy;
import io.adaptseg.runtime.provider.ProviderSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where TensorRT's engines go and how the check tells a reused cache from a new one, on real folders. */
class TensorRtCacheTest {
    private static ProviderSpec spec(String text) {
        return ExecutionProviders.parse(text, FallbackPolicy.CPU).requested().getFirst();
    }

    @Test
    void theDefaultRootFollowsXdgCacheHomeElseTheHomeFolder() {
        assertEquals(Path.of("/x/cache/adaptseg/tensorrt"), TensorRtCache.defaultRoot(Map.of("XDG_CACHE_HOME", "/x/cache"), "/home/u"));
        assertEquals(Path.of("/home/u/.cache/adaptseg/tensorrt"), TensorRtCache.defaultRoot(Map.of(), "/home/u"));
        assertEquals(Path.of("/home/u/.cache/adaptseg/tensorrt"), TensorRtCache.defaultRoot(Map.of("XDG_CACHE_HOME", " "), "/home/u"));
    }

    @Test
    void theSpecGetsTheModelsFolderAndFilesFromAnEarlierRunCountAsReused(@TempDir Path dir) throws Exception {
        TensorRtCache cache = new TensorRtCache(dir.resolve("trt"));
        String sha = "ab".repeat(32);
        TensorRtCache.Prepared first = cache.prepare(spec("tensorrt:device_id=0"), sha);
        Path folder = dir.resolve("trt").resolve(sha);
        assertEquals(Map.of("device_id", "0", TensorRtCache.ENABLE, "1", TensorRtCache.PATH, folder.toString()),
                first.spec().options());
        assertTrue(Files.isDirectory(folder));
        assertEquals("engine cache " + folder + ": nothing to reuse, built now (0 files after the run)", first.state().describe(true));
        first.state().discardIfUnused();
        assertFalse(Files.exists(folder), "an empty folder this run created is removed");

        Files.createDirectories(folder);
        Files.writeString(folder.resolve("TensorrtExecutionProvider_TRTKernel_graph_x.engine"), "engine");
        Files.writeString(folder.resolve("TensorrtExecutionProvider_TRTKernel_graph_x.profile"), "profile");
        TensorRtCache.Prepared second = cache.prepare(spec("tensorrt:0"), sha);
        assertEquals("engine cache " + folder + ": reused (2 files from an earlier run)", second.state().describe(true));
        second.state().discardIfUnused();
        assertTrue(Files.exists(folder));
    }

    @Test
    void cacheOptionsInTheSpecWin(@TempDir Path dir) throws Exception {
        TensorRtCache cache = new TensorRtCache(dir.resolve("trt"));
        Path own = dir.resolve("mine");
        TensorRtCache.Prepared given = cache.prepare(spec("tensorrt:0,engine_cache_path=" + own), "cd".repeat(32));
        assertEquals(own.toString(), given.spec().options().get(TensorRtCache.PATH));
        assertTrue(given.state().describe(false).startsWith("engine cache " + own + " (unused"));
        TensorRtCache.Prepared off = cache.prepare(spec("tensorrt:0,engine_cache=0"), "cd".repeat(32));
        assertEquals("0", off.spec().options().get(TensorRtCache.ENABLE));
        assertFalse(off.spec().options().containsKey(TensorRtCache.PATH));
        assertEquals("engine cache off (" + TensorRtCache.ENABLE + " in the spec)", off.state().describe(true));
    }
}
