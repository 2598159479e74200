package io.adaptseg.core.io;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.adaptseg.core.AdaptsegException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputPathsTest {
    @TempDir
    Path dir;

    @Test
    void refusesAnOutputThatIsContainsOrLiesInsideAnInput() throws Exception {
        Path images = Files.createDirectories(dir.resolve("photos"));
        var same = assertThrows(AdaptsegException.class,
                () -> OutputPaths.requireSeparate("--out", images, Map.of("--images", images)));
        assertTrue(same.getMessage().contains("--out " + images + " and --images " + images + " are the same folder"),
                same.getMessage());
        var inside = assertThrows(AdaptsegException.class,
                () -> OutputPaths.requireSeparate("--out", images.resolve("preds"), Map.of("--images", images)));
        assertTrue(inside.getMessage().contains("lies inside --images " + images), inside.getMessage());
        var contains = assertThrows(AdaptsegException.class,
                () -> OutputPaths.requireSeparate("--out", dir, Map.of("--images", images)));
        assertTrue(contains.getMessage().startsWith("--images " + images + " lies inside --out " + dir), contains.getMessage());
        // the same folder reached through a symbolic link, and through "..", is still the same folder
        Path link = Files.createSymbolicLink(dir.resolve("link"), images);
        assertThrows(AdaptsegException.class, () -> OutputPaths.requireSeparate("--out", link, Map.of("--images", images)));
        assertThrows(AdaptsegException.class,
                () -> OutputPaths.requireSeparate("--out", images.resolve("x/.."), Map.of("--images", images)));
        // siblings, even with a common name prefix, are fine
        assertDoesNotThrow(() -> OutputPaths.requireSeparate("--out", dir.resolve("photos-out"), Map.of("--images", images)));
    }

    @Test
    void aFolderOptionThatIsAFileOrCannotBeCreatedIsNamedWithTheReason() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        var isFile = assertThrows(AdaptsegException.class, () -> OutputPaths.requireWritableFolder(file, "--out"));
        assertEquals("--out " + file + ": is a file, expected a folder", isFile.getMessage());
        var under = assertThrows(AdaptsegException.class, () -> OutputPaths.requireWritableFolder(file.resolve("sub"), "--out"));
        assertTrue(under.getMessage().startsWith("--out " + file.resolve("sub") + ": cannot create the folder"), under.getMessage());
        Path fresh = dir.resolve("a/b/c");
        OutputPaths.requireWritableFolder(fresh, "--out");
        assertTrue(Files.isDirectory(fresh));
        try (Stream<Path> s = Files.list(fresh)) {
            assertEquals(0, s.count(), "the write probe is removed");
        }
    }

    @Test
    void reportFilesAreCheckedBeforeAnyWork() throws Exception {
        var folder = assertThrows(AdaptsegException.class, () -> OutputPaths.requireWritableFile(dir, "--json"));
        assertEquals("--json " + dir + ": is a folder, expected a file name", folder.getMessage());
        Path file = Files.writeString(dir.resolve("plain"), "x");
        var parentIsFile = assertThrows(AdaptsegException.class,
                () -> OutputPaths.requireWritableFile(file.resolve("r.json"), "--json"));
        assertTrue(parentIsFile.getMessage().contains(file + " is a file, not a folder"), parentIsFile.getMessage());
        assertDoesNotThrow(() -> OutputPaths.requireWritableFile(dir.resolve("new/r.json"), "--csv"));
    }

    @Test
    void aFileSystemThatRefusesWritesIsReportedInOneLine() {
        // /proc refuses new files even to root, which ignores permission bits
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        var e = assertThrows(AdaptsegException.class, () -> OutputPaths.requireWritableFile(Path.of("/proc/r.json"), "--json"));
        assertTrue(e.getMessage().startsWith("--json /proc/r.json: cannot write there ("), e.getMessage());
        assertTrue(!e.getMessage().contains("Exception") && !e.getMessage().contains("\n"), e.getMessage());
        var d = assertThrows(AdaptsegException.class, () -> OutputPaths.requireWritableFolder(Path.of("/proc/out"), "--out"));
        assertTrue(d.getMessage().startsWith("--out /proc/out: cannot create the folder ("), d.getMessage());
    }
}
