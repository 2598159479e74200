package io.adaptseg.core.io;

import io.adaptseg.core.AdaptsegException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Marks a folder as in use by this run, so that a second run into the same folder stops instead of
 * mixing its files with the first one's or deleting the first one's live temporaries as leftovers.
 *
 * <p>The mark is an operating-system lock ({@link FileChannel#tryLock()}) on a hidden file
 * {@value #FILE} inside the folder. The kernel releases it when the process ends in any way,
 * {@code kill -9} included, so a killed run never blocks a later one: its lock file stays behind with
 * its description, and the next run locks that file again and writes its own. The file holds the
 * holder's process id, host, command line and start time, for the second run's message. Within one
 * JVM, a second lock on the same folder is refused from this class's own record (opening the file
 * again would make the kernel drop the first lock, see {@link #tryLock}).
 *
 * <p>On {@link #close()} the lock file is deleted while still locked. A run that opened the file just
 * before the deletion would then lock a file that no longer has a name; it notices because the name
 * now leads to another file (or none), and tries again.
 */
public final class FolderLock implements AutoCloseable {
    /** The lock file's name inside the locked folder. */
    public static final String FILE = ".adaptseg.lock";
    /** The system property with the command line that the lock file describes (set by the launchers' mains). */
    public static final String COMMAND_PROPERTY = "adaptseg.command";
    private static final int ATTEMPTS = 5;

    /** The folders (real paths) this JVM holds, with the description written in their lock files. */
    private static final Map<Path, String> HELD = new HashMap<>();

    private final Path folder;
    /** The folders {@link #acquire} created, deepest first: removed on close while still empty. */
    private final List<Path> created = new ArrayList<>();
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(Path folder, Path file, FileChannel channel, FileLock lock) {
        this.folder = folder;
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code folder} for this run, creating it when missing (and removing it again on close
     * when the run left it empty).
     *
     * @param option the option that named the folder, for the message (e.g. {@code --out})
     * @throws AdaptsegException one line naming the folder and the run that holds it, or why the
     *     lock file cannot be written
     */
    public static FolderLock acquire(Path folder, String option) throws AdaptsegException {
        String what = option + " " + folder;
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new AdaptsegException(what + ": is a file, expected a folder");
        }
        List<Path> created = new ArrayList<>();
        for (Path p = folder.toAbsolutePath().normalize(); p != null && !Files.exists(p); p = p.getParent()) {
            created.add(p);
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new AdaptsegException(what + ": cannot create the folder (" + OutputPaths.reason(e) + ")", e);
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                Optional<FolderLock> held = tryLock(folder);
                if (held.isPresent()) {
                    held.get().created.addAll(created);
                    return held.get();
                }
            } catch (InUse e) {
                throw new AdaptsegException(what + " is in use by another run (" + e.holder
                        + "); wait for it to end, or choose another " + option);
            } catch (IOException e) {
                throw new AdaptsegException(what + ": cannot lock the folder for this run (" + OutputPaths.reason(e)
                        + ")", e);
            }
        }
        throw new AdaptsegException(what + ": cannot lock the folder for this run (its lock file kept changing:"
                + " other runs are starting and ending in it)");
    }

    /**
     * Locks an existing {@code folder} when no live run holds it: how a sweep of an earlier run's
     * temporary folders tells a killed run's (free) from a live one's (held).
     *
     * @return the lock; empty when a live run holds it or the folder is gone
     */
    public static Optional<FolderLock> ifFree(Path folder) throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                Optional<FolderLock> held = tryLock(folder);
                if (held.isPresent()) {
                    return held;
                }
            } catch (InUse | NoSuchFileException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Locks the lock file of {@code folder} when no live process holds it.
     *
     * <p>Locks here are POSIX record locks, which a process loses on the file as soon as it closes
     * <em>any</em> descriptor of it. So the lock file is never opened by name while locked: this JVM's
     * own locks are looked up in {@link #HELD}, and that the locked file is still the one under the
     * name is checked with {@code stat} (its file key before opening and after locking).
     *
     * @return the lock; empty when the file was replaced under its name meanwhile (try again)
     * @throws InUse when a live process (this one included) holds it
     */
    static Optional<FolderLock> tryLock(Path folder) throws IOException, InUse {
        Path real = folder.toRealPath();
        Path lockFile = real.resolve(FILE);
        synchronized (HELD) {
            String mine = HELD.get(real);
            if (mine != null) {
                throw new InUse(mine);
            }
            Object before = fileKey(lockFile);
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // a channel of this JVM outside this class holds it
                }
                if (lock == null) {
                    throw new InUse(holder(channel));
                }
                if (before == null || !before.equals(fileKey(lockFile))) {
                    lock.release();
                    channel.close();
                    return Optional.empty();
                }
                String description = describeThisRun();
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((description + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                HELD.put(real, description);
                return Optional.of(new FolderLock(real, lockFile, channel, lock));
            } catch (IOException | InUse | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
    }

    /** The file key (device and inode) of the file under {@code path}, without opening it; null when absent. */
    private static Object fileKey(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The first line of a held lock file: who holds it. */
    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            channel.read(buffer, 0);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            String first = text.lines().findFirst().orElse("").strip();
            return first.isEmpty() ? "a run that is just starting" : first;
        } catch (IOException e) {
            return "a run whose lock file cannot be read: " + OutputPaths.reason(e);
        }
    }

    /** {@code pid 1234 on host h, started 2026-12-08T00:40:01Z: adaptseg predict ...}. */
    static String describeThisRun() {
        ProcessHandle self = ProcessHandle.current();
        Instant started = self.info().startInstant().orElse(Instant.now()).truncatedTo(ChronoUnit.SECONDS);
        String command = System.getProperty(COMMAND_PROPERTY);
        if (command == null || command.isBlank()) {
            command = self.info().command().orElse("java");
        }
        return "pid " + self.pid() + " on host " + host() + ", started " + started + ": "
                + command.replace('\n', ' ').replace('\r', ' ');
    }

    /** The host name without a DNS look-up (which can take seconds on a machine without network). */
    private static String host() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The folder this lock holds. */
    public Path folder() {
        return folder;
    }

    /**
     * Deletes the lock file and releases the lock; the folder is free for the next run. Folders that
     * {@link #acquire} created and that are still empty go too: a run that failed before writing
     * anything leaves no trace.
     */
    @Override
    public void close() {
        synchronized (HELD) {
            release();
            HELD.remove(folder);
        }
        for (Path p : created) {
            try {
                Files.delete(p);
            } catch (IOException e) {
                break; // not empty (the run wrote something), or gone: the folders above stay as well
            }
        }
    }

    private void release() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // an undeletable lock file is harmless: the next run locks it again
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it as well
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // the kernel releases the lock with the process at the latest
        }
    }

    /** A live process holds the lock; {@code holder} says which. */
    static final class InUse extends Exception {
        final String holder;

        InUse(String holder) {
            super(holder, null, false, false);
            this.holder = holder;
        }
    }
}
