package io.adaptseg.core.dataset;

import io.adaptseg.core.AdaptsegException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Directory listing shared by the layouts: sorted, PNG only, with messages naming the folder. */
final class DatasetFiles {
    private DatasetFiles() {
    }

    /** Fails unless {@code dir} is a folder; {@code expected} says what should be there. */
    static void requireFolder(Path dir, String what, String expected) throws AdaptsegException {
        if (!Files.isDirectory(dir)) {
            throw new AdaptsegException(what + " not found: " + dir + " is "
                    + (Files.exists(dir) ? "not a folder" : "missing") + " (expected " + expected + ")");
        }
    }

    /** The sorted entries of one folder whose names satisfy {@code filter}. */
    static List<Path> list(Path dir, java.util.function.Predicate<String> filter, boolean folders)
            throws AdaptsegException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> folders ? Files.isDirectory(p) : Files.isRegularFile(p))
                    .filter(p -> filter.test(p.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new AdaptsegException(dir + ": cannot list folder (" + e.getMessage() + ")", e);
        }
    }

    /** Every PNG file below {@code dir}, sorted by path. */
    static List<Path> walkPngs(Path dir) throws AdaptsegException {
        try (Stream<Path> entries = Files.walk(dir)) {
            return entries.filter(p -> isPng(p.getFileName().toString()) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new AdaptsegException(dir + ": cannot list folder (" + e.getMessage() + ")", e);
        }
    }

    static boolean isPng(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".png");
    }

    /** A file name without its ".png". */
    static String withoutExtension(String name) {
        return isPng(name) ? name.substring(0, name.length() - 4) : name;
    }
}
