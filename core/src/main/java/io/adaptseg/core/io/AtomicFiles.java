package io.adaptseg.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files atomically: the content goes to a temporary file in the same directory, which is
 * renamed over the target only when complete. A crash or an exception leaves either the old file or
 * the new one, never a partial file.
 */
public final class AtomicFiles {
    /** The longest file name, in bytes, of Linux file systems (ext4, xfs, btrfs, tmpfs: NAME_MAX). */
    public static final int NAME_MAX_BYTES = 255;

    private AtomicFiles() {
    }

    /** Writes what {@code body} produces to {@code target} atomically; creates parent directories. */
    public static void write(Path target, StreamWriter body) throws IOException {
        writeChecked(target, body, written -> null);
    }

    /**
     * Writes like {@link #write(Path, StreamWriter)}, but {@code check} first reads the finished
     * temporary file; only when it returns is that file renamed over {@code target}, so a file that
     * fails the check never replaces the old one and is deleted.
     *
     * @return what {@code check} returned
     */
    public static <T, E extends Exception> T writeChecked(Path target, StreamWriter body, FileCheck<T, E> check)
            throws IOException, E {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = newPartFile(dir, target.getFileName().toString());
        try {
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW), 1 << 16)) {
                body.writeTo(out);
            }
            T result = check.check(tmp);
            moveAtomically(tmp, target);
            return result;
        } catch (Exception | Error e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /**
     * A fresh temporary name beside the target. Not {@code Files.createTempFile}: that makes the file
     * owner-only (0600), and the rename would hand every output those permissions instead of the
     * user's umask.
     */
    static Path newPartFile(Path dir, String name) {
        long nonce = java.util.concurrent.ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
        String suffix = "." + nonce + ".part";
        // the name and its decoration must stay within a file name's byte limit, or a target whose own
        // name is legal (up to 255 bytes) could not be written; the nonce keeps a shortened name unique
        return dir.resolve("." + prefix(name, NAME_MAX_BYTES - 1 - suffix.length()) + suffix);
    }

    /** The longest start of {@code name} within {@code maxBytes} bytes of UTF-8, never splitting a character. */
    private static String prefix(String name, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < name.length()) {
            int cp = name.codePointAt(end);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + n > maxBytes) {
                break;
            }
            bytes += n;
            end += Character.charCount(cp);
        }
        return name.substring(0, end);
    }

    /** Writes bytes to {@code target} atomically. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Writes a string as UTF-8 to {@code target} atomically. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Renames {@code source} over {@code target}, atomically where the file system allows. */
    public static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Checks a written file before it replaces the target; {@code E} is how it reports a bad file. */
    @FunctionalInterface
    public interface FileCheck<T, E extends Exception> {
        T check(Path written) throws IOException, E;
    }

    /** Produces a file's content. */
    @FunctionalInterface
    public interface StreamWriter {
        void writeTo(OutputStream out) throws IOException;
    }
}
