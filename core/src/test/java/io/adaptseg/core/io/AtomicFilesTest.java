package io.adaptseg.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.AdaptsegException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes: the target holds the old file or the complete new one, and no temporary file stays. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("out"))) {
            return s.sorted().toList();
        }
    }

    @Test
    void checkedWriteReplacesTheTargetOnlyWhenTheCheckPasses() throws Exception {
        Path target = dir.resolve("out/report.txt");
        AtomicFiles.writeString(target, "old");

        AdaptsegException e = assertThrows(AdaptsegException.class, () -> AtomicFiles.writeChecked(target,
                out -> out.write("bad".getBytes(StandardCharsets.UTF_8)), written -> {
                    throw new AdaptsegException(written.getFileName() + " holds " + Files.readString(written));
                }));
        assertTrue(e.getMessage().endsWith(".part holds bad"), e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), files());

        int size = AtomicFiles.writeChecked(target, out -> out.write("new!".getBytes(StandardCharsets.UTF_8)),
                written -> (int) Files.size(written));
        assertEquals(4, size);
        assertEquals("new!", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void aFailingWriterLeavesTheOldFile() throws Exception {
        Path target = dir.resolve("out/model.bin");
        AtomicFiles.write(target, new byte[] {1, 2, 3});
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(9);
            throw new IOException("disk full");
        }));
        assertEquals(3, Files.size(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void writtenFilesGetTheSamePermissionsAsAnyNewFile() throws IOException {
        // createTempFile would make every output owner-only; outputs must follow the umask
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        Path written = dir.resolve("written.txt");
        AtomicFiles.writeString(written, "x");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(written));
    }

    @Test
    void aTargetNameOfUpTo255BytesIsWrittenItsTemporaryStayingWithinTheLimit() throws Exception {
        // 255 bytes with multi-byte characters: the shortened temporary must not split one
        String name = "\u00e9".repeat(100) + "x".repeat(51) + ".png";
        assertEquals(255, name.getBytes(StandardCharsets.UTF_8).length);
        Path target = dir.resolve("out").resolve(name);
        AtomicFiles.writeString(target, "labels");
        assertEquals("labels", Files.readString(target));
        assertEquals(List.of(target), files());
        String part = AtomicFiles.newPartFile(dir, name).getFileName().toString();
        assertTrue(part.startsWith(".\u00e9") && part.endsWith(".part"), part);
        assertTrue(part.getBytes(StandardCharsets.UTF_8).length <= AtomicFiles.NAME_MAX_BYTES, part);
    }
}
