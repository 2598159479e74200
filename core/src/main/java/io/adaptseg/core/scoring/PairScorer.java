package io.adaptseg.core.scoring;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.labels.IdMap;
import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.core.metrics.ConfusionMatrix;
import java.util.Arrays;

/**
 * Counts one ground-truth / prediction pair of stored label images into a confusion matrix under a
 * protocol: checks the sizes, maps every stored value (labelId or trainId) to the protocol's matrix
 * index, and rejects a value that is not valid for its format, naming the file, the value and the
 * pixel. Holds scratch buffers, so one instance per thread; the lookup tables are shared.
 */
public final class PairScorer {
    /** Table entry of a stored value that is not valid in its format. */
    private static final int INVALID = -1;
    private static final int TABLE_SIZE = 1 << 16;

    private final Protocol protocol;
    private final LabelFormat gtFormat;
    private final LabelFormat predFormat;
    private final int[] gtTable;
    private final int[] predTable;
    private int[] gtScratch = new int[0];
    private int[] predScratch = new int[0];

    public PairScorer(Protocol protocol, LabelFormat gtFormat, LabelFormat predFormat) {
        this.protocol = protocol;
        this.gtFormat = gtFormat;
        this.predFormat = predFormat;
        this.gtTable = table(gtFormat.toTrainId(), protocol.matrixSet());
        this.predTable = table(predFormat.toTrainId(), protocol.matrixSet());
    }

    /**
     * Stored value → matrix index: a class outside the protocol's matrix maps to
     * {@link ConfusionMatrix#IGNORE} (ignored in the ground truth, a miss in the prediction).
     */
    private static int[] table(IdMap toTrainId, LabelSet set) {
        int[] table = new int[TABLE_SIZE];
        Arrays.fill(table, INVALID);
        for (int v = 0; v < toTrainId.size(); v++) {
            if (toTrainId.isKnown(v)) {
                table[v] = set.fromTrainId(toTrainId.map(v));
            }
        }
        return table;
    }

    /** The protocol this scorer counts under. */
    public Protocol protocol() {
        return protocol;
    }

    /** A new empty matrix of the protocol's size. */
    public ConfusionMatrix newMatrix() {
        return new ConfusionMatrix(protocol.matrixSet().size());
    }

    /**
     * Adds one pair to {@code matrix}; {@code gtName} and {@code predName} name the sources in
     * messages (file paths when read from disk).
     *
     * @throws AdaptsegException when the sizes differ or a value is invalid for its format
     */
    public void add(ConfusionMatrix matrix, LabelImage gt, String gtName, LabelImage pred, String predName)
            throws AdaptsegException {
        if (gt.width() != pred.width() || gt.height() != pred.height()) {
            throw new AdaptsegException(sizeMismatch(predName, pred.sizeString(), gtName, gt.sizeString()));
        }
        int n = gt.values().length;
        if (gtScratch.length != n) {
            gtScratch = new int[n];
            predScratch = new int[n];
        }
        map(gt, gtTable, gtScratch, gtFormat, gtName);
        map(pred, predTable, predScratch, predFormat, predName);
        matrix.add(gtScratch, predScratch);
    }

    /** The message for a prediction whose size differs from its ground truth. */
    static String sizeMismatch(String predName, String predSize, String gtName, String gtSize) {
        return "prediction " + predName + " is " + predSize + " but its ground truth " + gtName
                + " is " + gtSize + " (predictions are scored at ground-truth resolution)";
    }

    private static void map(LabelImage image, int[] table, int[] out, LabelFormat format, String name)
            throws AdaptsegException {
        int[] values = image.values();
        int bad = 0;
        for (int i = 0; i < values.length; i++) {
            int v = values[i];
            int mapped = (v & ~(TABLE_SIZE - 1)) == 0 ? table[v] : INVALID;
            out[i] = mapped;
            bad |= mapped;
        }
        // INVALID is the only negative entry, so one OR over the image tells whether any pixel was bad.
        if (bad < 0) {
            for (int i = 0; i < values.length; i++) {
                if (out[i] == INVALID) {
                    throw new AdaptsegException(name + ": pixel (x=" + i % image.width() + ", y="
                            + i / image.width() + ") has value " + values[i] + ", which is not "
                            + format.allowed());
                }
            }
        }
    }
}
