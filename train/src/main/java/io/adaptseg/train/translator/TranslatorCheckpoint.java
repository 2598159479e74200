package io.adaptseg.train.translator;

import ai.djl.ndarray.NDManager;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.train.checkpoint.Checkpoint;
import io.adaptseg.train.config.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A translator read back from a {@code method: adain} checkpoint: both networks from
 * {@code networks/encoder.npz} and {@code networks/decoder.npz}, and the config it was trained with
 * (its {@code alpha} is the default strength, its datasets the default layouts of stylize).
 *
 * @param directory the checkpoint directory ({@code iter_<n>}) actually read
 */
public record TranslatorCheckpoint(Path directory, TrainConfig config, Translator translator) {
    /** Whether the checkpoint at {@code path} (resolved as {@link #load}) was trained with {@code method: adain}. */
    public static boolean isTranslator(Path path) throws AdaptsegException {
        Path configFile = Checkpoint.resolve(path).resolve(Checkpoint.CONFIG_FILE);
        return Files.isRegularFile(configFile) && TranslatorRun.handles(TrainConfig.readSaved(configFile, List.of()));
    }

    /**
     * Reads the checkpoint {@code path} (an {@code iter_<n>} directory, or a snapshot directory whose newest
     * checkpoint is used) into a translator owned by {@code manager}.
     */
    public static TranslatorCheckpoint load(Path path, NDManager manager) throws AdaptsegException {
        if (!Files.isDirectory(path)) {
            throw new AdaptsegException(path + ": checkpoint folder not found");
        }
        Path dir = Checkpoint.resolve(path);
        Path configFile = dir.resolve(Checkpoint.CONFIG_FILE);
        if (!Files.isRegularFile(configFile)) {
            throw new AdaptsegException(dir + ": not a training checkpoint (no " + Checkpoint.CONFIG_FILE + ")");
        }
        TrainConfig config = TrainConfig.readSaved(configFile, List.of());
        if (!TranslatorRun.handles(config)) {
            throw new AdaptsegException(dir + ": not an adain checkpoint (method " + config.run().method()
                    + "); give a checkpoint of adaptseg train with method: adain");
        }
        Translator translator = Translator.create(manager);
        for (var e : translator.networks().entrySet()) {
            if (!Files.isRegularFile(dir.resolve("networks").resolve(e.getKey() + ".npz"))) {
                throw new AdaptsegException(dir + ": adain checkpoint lacks networks/" + e.getKey() + ".npz");
            }
            Checkpoint.loadNetwork(dir, e.getKey(), e.getValue());
        }
        return new TranslatorCheckpoint(dir, config, translator);
    }
}
