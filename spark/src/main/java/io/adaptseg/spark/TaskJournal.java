package io.adaptseg.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The images a task attempt has finished, one line each, appended after all of an image's outputs
 * were written (atomically). A retried attempt of the same partition reads it and skips those
 * images, so a retry writes nothing twice. The journal lives under the output folder (shared by
 * every executor) in a folder per job run that the driver deletes when the job ends. A line cut off
 * by a killed process has no newline and is ignored, so its image is simply predicted again.
 */
final class TaskJournal {
    /** The hidden folder of the journals under the output root. */
    static final String FOLDER = ".adaptseg-spark";

    private final Path file;

    TaskJournal(Path outRoot, String runId, int partition) {
        this.file = outRoot.resolve(FOLDER).resolve(runId).resolve(String.format("partition-%05d.done", partition));
    }

    /** The images recorded by earlier attempts (empty when none ran). */
    Set<String> finished() throws IOException {
        return new HashSet<>(lines(file));
    }

    /** Complete lines of a journal; a last line without its newline was cut off by a kill. */
    private static List<String> lines(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> done = new ArrayList<>();
        int start = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
            done.add(text.substring(start, nl));
            start = nl + 1;
        }
        return done;
    }

    /**
     * What the journals of one job run recorded, read by the driver before it deletes them: every
     * image finished by any attempt of any partition, and those recorded more than once (an image
     * whose outputs were written twice, by two attempts).
     */
    static Record read(Path outRoot, String runId) throws IOException {
        Path dir = outRoot.resolve(FOLDER).resolve(runId);
        Set<String> seen = new HashSet<>();
        Set<String> twice = new TreeSet<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    for (String image : lines(f)) {
                        if (!seen.add(image)) {
                            twice.add(image);
                        }
                    }
                }
            }
        }
        return new Record(seen.size(), List.copyOf(twice));
    }

    /**
     * @param images distinct images recorded
     * @param writtenTwice images recorded by two attempts
     */
    record Record(int images, List<String> writtenTwice) {
    }

    /** Records one finished image; thread-safe (the pipeline's writer threads call it). */
    synchronized void finished(String image) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, image + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
