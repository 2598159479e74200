package io.adaptseg.core.io;

import io.adaptseg.core.AdaptsegException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Checks, before any work, that an output can be written and does not overlap an input: a report
 * that cannot be written should fail the command in its first second, not after an hour of
 * prediction, and an output folder that is an input folder must never overwrite the inputs.
 *
 * <p>Writability is tested by creating and deleting a hidden probe file in the folder, because
 * permission bits do not tell the whole story (read-only mounts, immutable folders, {@code /proc},
 * root ignoring modes).
 */
public final class OutputPaths {
    private OutputPaths() {
    }

    /**
     * Creates {@code dir} (and its parents) when missing and checks that files can be created in it.
     *
     * @param option the option that named it, e.g. {@code --out}
     * @throws AdaptsegException one line naming the option, the path and the reason
     */
    public static void requireWritableFolder(Path dir, String option) throws AdaptsegException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new AdaptsegException(option + " " + dir + ": is a file, expected a folder");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new AdaptsegException(option + " " + dir + ": cannot create the folder (" + reason(e) + ")", e);
        }
        probe(dir, option + " " + dir);
    }

    /**
     * Checks that {@code file} can be written: it is not a folder, and its folder exists (or can be
     * created) and accepts new files. An existing file is left as it is (it is replaced atomically
     * later).
     *
     * @throws AdaptsegException one line naming the option, the path and the reason
     */
    public static void requireWritableFile(Path file, String option) throws AdaptsegException {
        if (Files.isDirectory(file)) {
            throw new AdaptsegException(option + " " + file + ": is a folder, expected a file name");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (Files.exists(parent) && !Files.isDirectory(parent)) {
            throw new AdaptsegException(option + " " + file + ": " + parent + " is a file, not a folder");
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new AdaptsegException(option + " " + file + ": cannot create the folder " + parent + " (" + reason(e) + ")", e);
        }
        probe(parent, option + " " + file);
        if (Files.exists(file) && !Files.isWritable(file) && !Files.isWritable(parent)) {
            throw new AdaptsegException(option + " " + file + ": the file exists and cannot be replaced (permission denied)");
        }
    }

    /**
     * Refuses an output folder that is, contains or lies inside one of {@code inputs} (by option
     * name), compared after resolving symbolic links, so that outputs can never overwrite inputs and a
     * second run never reads the first one's outputs as inputs.
     *
     * @throws AdaptsegException naming both options and both folders
     */
    public static void requireSeparate(String outOption, Path out, Map<String, Path> inputs) throws AdaptsegException {
        for (var e : inputs.entrySet()) {
            String both = outOption + " " + out + " and " + e.getKey() + " " + e.getValue();
            switch (overlap(out, e.getValue())) {
                case SAME -> throw new AdaptsegException(both + " are the same folder: the outputs would overwrite the inputs;"
                        + " choose another " + outOption);
                case OUTPUT_INSIDE -> throw new AdaptsegException(outOption + " " + out + " lies inside " + e.getKey() + " "
                        + e.getValue() + ": a later run would read the outputs as inputs; choose an " + outOption + " outside it");
                case INPUT_INSIDE -> throw new AdaptsegException(e.getKey() + " " + e.getValue() + " lies inside " + outOption
                        + " " + out + ": outputs could overwrite inputs; choose an " + outOption + " that does not contain it");
                case NONE -> { }
            }
        }
    }

    /**
     * Refuses an output <em>file</em> that is one of {@code inputs} (files or folders, by option name)
     * or lies inside an input folder, compared after resolving symbolic links: writing it would replace
     * or change an input (a weight file replaced by an ONNX model, a ground-truth PNG by a chart).
     *
     * @throws AdaptsegException naming both options and both paths
     */
    public static void requireOutsideInputs(String outOption, Path out, Map<String, Path> inputs) throws AdaptsegException {
        for (var e : inputs.entrySet()) {
            switch (overlap(out, e.getValue())) {
                case SAME -> throw new AdaptsegException(outOption + " " + out + " is " + e.getKey() + " " + e.getValue()
                        + ": writing it would replace the input; choose another " + outOption);
                case OUTPUT_INSIDE -> throw new AdaptsegException(outOption + " " + out + " lies inside " + e.getKey() + " "
                        + e.getValue() + ": writing it would change the input; choose an " + outOption + " outside it");
                case INPUT_INSIDE, NONE -> { }
            }
        }
    }

    /** How an output path and an input path overlap once links are resolved. */
    private enum Overlap { SAME, OUTPUT_INSIDE, INPUT_INSIDE, NONE }

    private static Overlap overlap(Path out, Path input) {
        Path o = canonical(out);
        Path in = canonical(input);
        if (o.equals(in)) {
            return Overlap.SAME;
        }
        if (o.startsWith(in)) {
            return Overlap.OUTPUT_INSIDE;
        }
        return in.startsWith(o) ? Overlap.INPUT_INSIDE : Overlap.NONE;
    }

    /**
     * The absolute path with symbolic links resolved as far as the path exists; the missing rest is
     * appended as written (normalised).
     */
    public static Path canonical(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
        } catch (IOException e) {
            return abs;
        }
    }

    private static void probe(Path dir, String what) throws AdaptsegException {
        long nonce = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
        Path probe = dir.resolve(".adaptseg-write-check." + nonce + ".part");
        try {
            Files.createFile(probe);
        } catch (IOException e) {
            throw new AdaptsegException(what + ": cannot write there (" + reason(e) + ")", e);
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // nothing was created, or it goes with the folder's next cleanup of .part files
            }
        }
    }

    /** The cause of a file-system failure in words, without the exception's class name. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof NotDirectoryException) {
            return "a part of the path is a file, not a folder";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return (Files.isDirectory(Path.of(f.getFile()), LinkOption.NOFOLLOW_LINKS) ? "a folder" : "a file")
                    + " of that name exists: " + f.getFile();
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
