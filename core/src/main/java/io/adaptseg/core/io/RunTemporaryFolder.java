package io.adaptseg.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The temporary folder of one run, {@code <tmp>/adaptseg-run.<pid>}, which the launcher creates and
 * passes as {@code java.io.tmpdir}: what libraries unpack there behind the run's back goes with the
 * run. ONNX Runtime's Java loader makes an {@code onnxruntime-java<n>} folder in {@code java.io.tmpdir}
 * for every process and unpacks its native libraries into it (28 MB); it asks the JVM to delete them at
 * exit, but registers the folder after its files, and the JVM deletes in reverse order, so the folder
 * is still full when its turn comes and stays (empty); a killed process leaves the libraries too. With a folder per run, the run deletes the whole folder when it ends, and the
 * next run deletes the folders of runs whose process no longer exists (killed ones).
 *
 * <p>The launcher names the folder after its own process id, which the JVM keeps ({@code exec}), so a
 * folder whose process is alive is never swept, even while that JVM is still starting.
 */
public final class RunTemporaryFolder {
    /** The folder name's prefix; the process id follows. */
    public static final String PREFIX = "adaptseg-run.";
    /** Set by the launcher to the same folder as {@code java.io.tmpdir}. */
    public static final String PROPERTY = "adaptseg.run-tmp";

    private RunTemporaryFolder() {
    }

    /**
     * When the launcher gave this run its own temporary folder: deletes the folders of dead runs beside
     * it and arranges for this one to be deleted when the JVM exits. Nothing otherwise (tests, a
     * plain {@code java} command line).
     */
    public static void adopt() {
        String property = System.getProperty(PROPERTY);
        if (property == null || property.isBlank()) {
            return;
        }
        Path folder = Path.of(property).toAbsolutePath();
        if (!Files.isDirectory(folder) || !folder.equals(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath())) {
            return; // not the folder this JVM's libraries use: leave it alone
        }
        sweep(folder.getParent());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(folder), "adaptseg-run-tmp-cleanup"));
    }

    /**
     * Deletes {@code adaptseg-run.<pid>} folders in {@code parent} whose process has ended.
     *
     * @return how many were deleted
     */
    public static int sweep(Path parent) {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (Path p : entries) {
                OptionalLong pid = pidOf(p);
                if (pid.isPresent() && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                if (pid.isPresent() && Files.isDirectory(p) && deleteQuietly(p)) {
                    removed++;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // another user's /tmp entries, or a folder gone meanwhile: a later run sweeps again
        }
        return removed;
    }

    /** The process id in a folder's name; empty for a name that is not ours. */
    static OptionalLong pidOf(Path folder) {
        String name = folder.getFileName().toString();
        Optional<String> digits = Optional.of(name.substring(PREFIX.length())).filter(d -> d.matches("[0-9]{1,10}"));
        return digits.map(d -> OptionalLong.of(Long.parseLong(d))).orElse(OptionalLong.empty());
    }

    private static boolean deleteQuietly(Path folder) {
        try {
            FileTrees.delete(folder);
            return true;
        } catch (IOException | UncheckedIOException e) {
            return false; // files of another user, or deleted by someone else meanwhile
        }
    }
}
