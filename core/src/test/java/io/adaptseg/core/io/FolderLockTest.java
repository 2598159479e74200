package io.adaptseg.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.AdaptsegException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder in use is refused with one line naming the holder, in another process and in this one, and
 * a holder killed with SIGKILL leaves nothing that blocks the next run.
 */
class FolderLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondLockInThisProcessIsRefusedNamingTheFolderAndTheHolder() throws Exception {
        Path out = dir.resolve("out");
        try (FolderLock first = FolderLock.acquire(out, "--out")) {
            assertTrue(Files.isRegularFile(out.resolve(FolderLock.FILE)));
            AdaptsegException e = assertThrows(AdaptsegException.class, () -> FolderLock.acquire(out, "--out"));
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().startsWith("--out " + out + " is in use by another run (pid "
                    + ProcessHandle.current().pid() + " on host "), e.getMessage());
            assertTrue(e.getMessage().contains(", started 20"), e.getMessage());
            assertTrue(FolderLock.ifFree(out).isEmpty(), "a held folder must not look free to a sweep");
        }
        assertFalse(Files.exists(out), "a folder the lock created and the run left empty goes with the run");
        try (FolderLock again = FolderLock.acquire(out, "--out")) {
            assertEquals(out, again.folder().toAbsolutePath());
            Files.writeString(out.resolve("result.txt"), "written");
        }
        assertFalse(Files.exists(out.resolve(FolderLock.FILE)), "the lock file goes with the run");
        assertTrue(Files.exists(out.resolve("result.txt")), "a folder with outputs stays");
    }

    @Test
    void anotherProcessHoldingTheFolderIsNamedAndItsKillFreesTheFolder() throws Exception {
        Path out = dir.resolve("shared");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-D" + FolderLock.COMMAND_PROPERTY + "=adaptseg predict --out " + out, Holder.class.getName(),
                out.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", reader.readLine());
            AdaptsegException e = assertThrows(AdaptsegException.class, () -> FolderLock.acquire(out, "--out"));
            assertTrue(e.getMessage().contains("in use by another run (pid " + holder.pid() + " on host "), e.getMessage());
            assertTrue(e.getMessage().endsWith(": adaptseg predict --out " + out
                    + "); wait for it to end, or choose another --out"), e.getMessage());
        } finally {
            holder.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(Files.exists(out.resolve(FolderLock.FILE)), "a killed holder leaves its lock file");
        try (FolderLock next = FolderLock.acquire(out, "--out")) {
            assertTrue(Files.readString(out.resolve(FolderLock.FILE)).startsWith("pid " + ProcessHandle.current().pid()));
        }
    }

    /** A second process that locks the folder of its argument, says so, and waits to be killed. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            FolderLock lock = FolderLock.acquire(Path.of(args[0]), "--out");
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(600_000);
            lock.close();
        }
    }
}
