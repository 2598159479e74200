package io.adaptseg.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-run temporary folders: a dead run's (what ONNX Runtime leaves when the run is killed) is
 * swept, a live run's and folders not named after a process are left alone.
 */
class RunTemporaryFolderTest {
    @TempDir
    Path tmp;

    @Test
    void theFoldersOfEndedProcessesAreSweptAndLiveOnesKept() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        assertTrue(ended.waitFor(30, TimeUnit.SECONDS));
        Path dead = Files.createDirectories(tmp.resolve(RunTemporaryFolder.PREFIX + ended.pid()
                + "/onnxruntime-java123"));
        Files.write(dead.resolve("libonnxruntime.so"), new byte[4096]);
        Path live = Files.createDirectories(tmp.resolve(RunTemporaryFolder.PREFIX + ProcessHandle.current().pid()));
        Path foreign = Files.createDirectories(tmp.resolve(RunTemporaryFolder.PREFIX + "notes"));

        assertEquals(1, RunTemporaryFolder.sweep(tmp));
        assertFalse(Files.exists(dead.getParent()), "the killed run's libraries stay");
        assertTrue(Files.isDirectory(live));
        assertTrue(Files.isDirectory(foreign));
        assertEquals(0, RunTemporaryFolder.sweep(tmp));
    }
}
