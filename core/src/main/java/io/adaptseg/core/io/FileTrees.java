package io.adaptseg.core.io;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Whole folder trees. */
public final class FileTrees {
    private FileTrees() {
    }

    /** A folder or file below the listed root that could not be read, and why (in words). */
    public record Unreadable(Path path, String reason) {
    }

    /**
     * The regular files below a root, sorted, and what could not be read on the way.
     *
     * @param files      paths spelled under the root as the caller gave it
     * @param unreadable folders that could not be opened or files whose attributes could not be read
     */
    public record Listing(List<Path> files, List<Unreadable> unreadable) {
        public Listing {
            files = List.copyOf(files);
            unreadable = List.copyOf(unreadable);
        }
    }

    /**
     * Every regular file below {@code root} whose name {@code keep} accepts. The root itself may be a
     * symbolic link to a folder (it is resolved); links below it are not followed into folders (a link
     * to {@code ..} or to itself cannot trap the walk), while a link to a regular file is listed. A
     * folder that cannot be opened does not end the walk: it is reported in {@link Listing#unreadable()}
     * and the rest is listed, so one bad folder costs its own files only.
     *
     * @throws IOException when the root itself cannot be read
     */
    public static Listing listFiles(Path root, Predicate<String> keep) throws IOException {
        Path real = root.toRealPath();
        List<Path> files = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        Files.walkFileTree(real, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                boolean regular = attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(file);
                if (regular && keep.test(file.getFileName().toString())) {
                    files.add(spelled(root, real, file));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (file.equals(real)) {
                    throw e;
                }
                unreadable.add(new Unreadable(spelled(root, real, file), OutputPaths.reason(e)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) { // the folder's listing broke off part way
                    if (dir.equals(real)) {
                        throw e;
                    }
                    unreadable.add(new Unreadable(spelled(root, real, dir), OutputPaths.reason(e)));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(Comparator.naturalOrder());
        unreadable.sort(Comparator.comparing(Unreadable::path));
        return new Listing(files, unreadable);
    }

    /** {@code found} (under the resolved root) as a path under the root as the caller spelled it. */
    private static Path spelled(Path root, Path real, Path found) {
        return root.resolve(real.relativize(found).toString());
    }

    /** Deletes {@code root} and everything below it (deepest first); nothing when it does not exist. */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
