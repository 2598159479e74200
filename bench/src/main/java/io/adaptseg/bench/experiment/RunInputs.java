package io.adaptseg.bench.experiment;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What an experiment run was trained from beyond its config: the saved {@code config.yaml} names the
 * data and the starting weights by path only, so a rerun over the same {@code --out} with other image
 * counts, a re-translated auxiliary folder or a retrained source-only model would otherwise resume or
 * re-score a run of other inputs under the new table's header. Kept as lines in
 * {@value #FILE} beside the run's checkpoints and compared before a run is resumed.
 */
record RunInputs(List<String> lines) {
    static final String FILE = "experiment-inputs.txt";

    RunInputs {
        lines = List.copyOf(lines);
    }

    /** The data settings, and for each given path a fingerprint of its content. */
    static RunInputs of(GapExperiment.Settings s, Path auxiliary, Path restoreFrom) throws AdaptsegException {
        List<String> l = new ArrayList<>();
        l.add(String.format(Locale.ROOT, "data: seed %d, %dx%d, %d source images (%d held out), %d target train,"
                + " %d target val", s.seed(), s.width(), s.height(), s.sourceImages(), s.heldOut(), s.targetTrain(),
                s.targetVal()));
        if (auxiliary != null) {
            l.add("auxiliary: " + auxiliary.toAbsolutePath().normalize() + " listing sha256 " + listing(auxiliary));
        }
        if (restoreFrom != null) {
            l.add("restore-from: " + restoreFrom.toAbsolutePath().normalize() + " sha256 " + sha256(restoreFrom));
        }
        return new RunInputs(l);
    }

    /** Writes the lines into {@code dir} (created when missing). */
    void write(Path dir) throws AdaptsegException {
        try {
            Files.createDirectories(dir);
            AtomicFiles.write(dir.resolve(FILE), (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AdaptsegException(dir.resolve(FILE) + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Checks that the run in {@code dir} was started from these inputs; the error names the folder and
     * the first line that differs.
     */
    void requireSame(Path dir) throws AdaptsegException {
        Path file = dir.resolve(FILE);
        List<String> written;
        try {
            written = Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new AdaptsegException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (written.equals(lines)) {
            return;
        }
        String differs = lines.stream().filter(line -> !written.contains(line)).findFirst().orElse("(lines removed)");
        throw new AdaptsegException(dir + " holds a run of other inputs (" + (written.isEmpty() ? "no " + FILE
                : FILE + " differs: now '" + differs + "'") + "): give another --out or remove it");
    }

    /**
     * A fingerprint of a dataset folder: every file's relative path, size and modification time, hashed.
     * Cheap at any size (no pixel is read) and changed by any rewrite of a file.
     */
    private static String listing(Path root) throws AdaptsegException {
        try (Stream<Path> files = Files.walk(root)) {
            MessageDigest d = digest();
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                String entry = root.relativize(p) + "\t" + Files.size(p) + "\t" + Files.getLastModifiedTime(p).toMillis() + "\n";
                d.update(entry.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            throw new AdaptsegException(root + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    private static String sha256(Path file) throws AdaptsegException {
        MessageDigest d = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                d.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new AdaptsegException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
