package io.adaptseg.export;

import ai.djl.ndarray.NDManager;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.train.checkpoint.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * adaptseg's own weight files given as {@code --weights}. A {@code networks/G.npz} holds tensors only; the
 * forward that produced them (ASPP branch count, logits upsampling, input resize, label set) is in the
 * {@code config.yaml} of the checkpoint around it. Built as a published file instead, it would become the
 * reference variant and predict differently, while parity, comparing against that same wrongly built network,
 * passed. So a file inside a checkpoint is exported as that checkpoint, and a file with our names outside one
 * is refused ({@link ImportedModel#load}).
 */
public final class OwnWeights {
    private OwnWeights() {
    }

    /**
     * The checkpoint directory whose segmenter {@code weights} is ({@code <dir>/networks/G.npz} beside
     * {@code <dir>/state.json} and {@code <dir>/config.yaml}, links resolved), or empty for any other file.
     *
     * @throws AdaptsegException when the file is another network of a checkpoint (a discriminator, the
     *     translator's encoder): not a segmenter to export
     */
    public static Optional<Path> checkpointOf(Path weights) throws AdaptsegException {
        Path real;
        try {
            real = weights.toRealPath();
        } catch (IOException e) {
            return Optional.empty(); // the import names the missing or unreadable file
        }
        Path networks = real.getParent();
        Path dir = networks == null ? null : networks.getParent();
        if (dir == null || !networks.getFileName().toString().equals("networks")
                || !Files.isRegularFile(dir.resolve(Checkpoint.STATE_FILE))
                || !Files.isRegularFile(dir.resolve(Checkpoint.CONFIG_FILE))) {
            return Optional.empty();
        }
        if (!real.getFileName().toString().equals(TrainedModel.SEGMENTER_NETWORK + ".npz")) {
            throw new AdaptsegException(weights + ": network " + real.getFileName().toString().replaceFirst("\\.npz$", "")
                    + " of checkpoint " + dir + ", not its segmenter; export the checkpoint with --checkpoint " + dir);
        }
        return Optional.of(dir);
    }

    /**
     * The checkpoint {@code dir} that wrote {@code weights}, built as its config says, after checking that
     * the architecture the command line names is the one it was trained as.
     */
    public static TrainedModel load(Path weights, Path dir, String architecture, NDManager manager)
            throws AdaptsegException {
        TrainedModel trained = TrainedModel.load(dir, manager);
        String trainedAs = trained.segmenter().architecture();
        if (!trainedAs.equals(architecture)) {
            throw new AdaptsegException(weights + ": written by checkpoint " + dir + " as " + trainedAs + ", not "
                    + architecture + "; export it with --checkpoint " + dir);
        }
        return trained;
    }

    /** The line a command prints when it builds a {@code --weights} file from its checkpoint. */
    public static String note(Path weights, Path dir) {
        return "note: " + weights + " is the segmenter of checkpoint " + dir + ": built as its config.yaml says"
                + " (aspp-branches, logits-upsampling, image-resize, label-set, input-size-target) and exported as"
                + " --checkpoint " + dir;
    }
}
