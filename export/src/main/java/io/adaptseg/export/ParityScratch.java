package io.adaptseg.export;

import io.adaptseg.core.io.FileTrees;
import io.adaptseg.core.io.FolderLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The hidden folder {@code .export-parity-<random>/} beside {@code --out} where an export writes its
 * model for the parity check (beside, so that nothing lands on another file system). The export holds
 * a {@link FolderLock} on it while it runs and deletes it at the end; a killed export leaves it with a
 * model-sized file inside, which the next export into that folder deletes, because the kernel has
 * released the dead run's lock. A folder whose lock is held belongs to a live export and is left alone.
 */
final class ParityScratch implements AutoCloseable {
    /** The name prefix of every scratch folder (docs/reliability.md). */
    static final String PREFIX = ".export-parity-";
    private static final int ATTEMPTS = 5;

    private final Path folder;
    private final FolderLock lock;

    private ParityScratch(Path folder, FolderLock lock) {
        this.folder = folder;
        this.lock = lock;
    }

    /**
     * Deletes the scratch folders of killed exports in {@code parent} (saying how many to {@code log}),
     * then makes and locks a new one.
     */
    static ParityScratch create(Path parent, Consumer<String> log) throws IOException {
        Files.createDirectories(parent);
        int removed = removeInterrupted(parent);
        if (removed > 0) {
            log.accept("removed " + removed + " temporary parity folders of an interrupted export in " + parent);
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Path folder = Files.createTempDirectory(parent, PREFIX);
            // another export's sweep may take a folder in the instant before it is locked: then take another
            Optional<FolderLock> lock = FolderLock.ifFree(folder);
            if (lock.isPresent()) {
                return new ParityScratch(folder, lock.get());
            }
        }
        throw new IOException("cannot make a locked scratch folder in " + parent + " (other exports kept taking them)");
    }

    /**
     * Deletes the {@value #PREFIX}* folders in {@code parent} that no live export holds.
     *
     * @return how many
     */
    static int removeInterrupted(Path parent) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (Path p : entries) {
                if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Optional<FolderLock> free = FolderLock.ifFree(p);
                if (free.isPresent()) {
                    try (FolderLock held = free.get()) {
                        FileTrees.delete(p);
                        removed++;
                    } catch (IOException | UncheckedIOException e) {
                        // taken by a starting export meanwhile (it is no longer empty): theirs now
                    }
                }
            }
        }
        return removed;
    }

    /** Where the model under test is written. */
    Path model() {
        return folder.resolve("model.onnx");
    }

    /** Where the parity chain's float32 model is written (the reference of a float16 or int8 model). */
    Path float32() {
        return folder.resolve("float32.onnx");
    }

    /** Deletes the folder and releases it. */
    @Override
    public void close() throws IOException {
        try (lock) {
            FileTrees.delete(folder);
        }
    }
}
