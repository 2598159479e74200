package io.adaptseg.train.translator;

import ai.djl.ndarray.NDManager;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.train.checkpoint.Checkpoint;
import io.adaptseg.train.config.RunKind;
import io.adaptseg.train.config.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A translator read back from a checkpoint: of {@code method: adain}, both networks from
 * {@code networks/encoder.npz} and {@code networks/decoder.npz}, and the config it was trained with
 * (its {@code alpha} is the default strength, its datasets the default layouts of stylize); or of a
 * segmentation method trained with {@code joint-translator}, the jointly trained decoder from
 * {@code networks/translator.npz} with the encoder and config of the adain checkpoint it started from,
 * at its {@code joint-alpha}.
 *
 * @param directory the checkpoint directory ({@code iter_<n>}) actually read
 */
public record TranslatorCheckpoint(Path directory, TrainConfig config, Translator translator) {
    /** The checkpoint name of a jointly trained decoder in a segmentation run's checkpoint. */
    public static final String JOINT_DECODER = "translator";

    /** Whether the checkpoint at {@code path} (resolved as {@link #load}) was trained with {@code method: adain}. */
    public static boolean isTranslator(Path path) throws AdaptsegException {
        Path configFile = Checkpoint.resolve(path).resolve(Checkpoint.CONFIG_FILE);
        return Files.isRegularFile(configFile) && isAdain(TrainConfig.readSaved(configFile, List.of()));
    }

    private static boolean isAdain(TrainConfig config) {
        return config.run().kind() == RunKind.STYLE_TRANSLATOR;
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
        if (!isAdain(config)) {
            if (config.adain().jointTranslator().isPresent()
                    && Files.isRegularFile(dir.resolve("networks").resolve(JOINT_DECODER + ".npz"))) {
                return joint(dir, config, manager);
            }
            throw new AdaptsegException(dir + ": not an adain checkpoint (method " + config.run().method()
                    + "); give a checkpoint of adaptseg train with method: adain, or of a segmentation run with"
                    + " joint-translator");
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

    /** The jointly trained decoder of {@code dir}, on the encoder of the adain checkpoint its run names. */
    private static TranslatorCheckpoint joint(Path dir, TrainConfig config, NDManager manager) throws AdaptsegException {
        Path start = config.adain().jointTranslator().get();
        TranslatorCheckpoint base;
        try {
            if (Files.isDirectory(start) && Checkpoint.resolve(start).equals(dir)) {
                throw new AdaptsegException("joint-translator names this very checkpoint (the joint run wrote into the"
                        + " adain run's snapshot folder); give the adain checkpoint's iter_<n> folder");
            }
            base = load(start, manager);
        } catch (AdaptsegException e) {
            throw new AdaptsegException(dir + ": its decoder was trained jointly from joint-translator " + start
                    + ", whose encoder is needed too: " + e.getMessage(), e);
        }
        Checkpoint.loadNetwork(dir, JOINT_DECODER, base.translator().decoder());
        double alpha = config.adain().jointAlpha();
        return new TranslatorCheckpoint(dir, base.config().withAdain(a -> a.withAlpha(alpha)), base.translator());
    }
}
