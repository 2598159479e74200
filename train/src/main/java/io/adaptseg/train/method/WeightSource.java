package io.adaptseg.train.method;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.train.checkpoint.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a segmenter's weights are: a weight file, or a checkpoint (its {@code networks/G.npz}). */
public final class WeightSource {
    private WeightSource() {
    }

    /**
     * A weight file as is; a checkpoint directory ({@code iter_<n>}, {@code best}) or a snapshot
     * directory (its newest checkpoint) as the checkpoint's {@code networks/G.npz}.
     */
    public static Path resolve(Path path) throws AdaptsegException {
        if (Files.isRegularFile(path)) {
            return path;
        }
        if (!Files.isDirectory(path)) {
            throw new AdaptsegException("weights " + path + " do not exist (expected a weight file or a checkpoint directory)");
        }
        Path file = Checkpoint.resolve(path).resolve("networks").resolve("G.npz");
        if (!Files.isRegularFile(file)) {
            throw new AdaptsegException("checkpoint " + path + " has no networks/G.npz");
        }
        return file;
    }
}
