package io.adaptseg.core.scoring;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.dataset.LabelDecoder;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.labels.IdMap;
import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.core.metrics.ConfusionMatrix;
import io.adaptseg.core.metrics.InvalidLabelException;
import java.util.Arrays;

/**
 * Counts one ground-truth / prediction pair of stored label images into a confusion matrix under a
 * protocol: checks the sizes, maps every stored value (labelId, SYNTHIA id or trainId, as its
 * {@link LabelDecoder} says) to the protocol's matrix index, and rejects a value that is not valid
 * for its format, naming the file, the value and the pixel. Immutable and thread-safe; the matrices it counts into are not.
 */
public final class PairScorer {
    /** Table entry of a stored value that is not valid in its format. */
    private static final int INVALID = -1;
    /** 16-bit PNGs hold values up to 65535; the table covers them all. */
    private static final int TABLE_SIZE = 1 << 16;

    private final Protocol protocol;
    private final LabelDecoder gtFormat;
    private final LabelDecoder predFormat;
    private final int[] gtTable;
    private final int[] predTable;

    public PairScorer(Protocol protocol, LabelDecoder gtFormat, LabelDecoder predFormat) {
        this.protocol = protocol;
        this.gtFormat = gtFormat;
        this.predFormat = predFormat;
        this.gtTable = table(gtFormat.map(), protocol.matrixSet());
        this.predTable = table(predFormat.map(), protocol.matrixSet());
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
        try {
            matrix.add(gt.values(), gtTable, pred.values(), predTable);
        } catch (InvalidLabelException e) {
            LabelImage image = e.inGroundTruth() ? gt : pred;
            throw new AdaptsegException((e.inGroundTruth() ? gtName : predName) + ": pixel (x="
                    + e.pixel() % image.width() + ", y=" + e.pixel() / image.width() + ") has value " + e.value()
                    + ", which is not " + (e.inGroundTruth() ? gtFormat : predFormat).allowed());
        }
    }

    /** The message for a prediction whose size differs from its ground truth. */
    static String sizeMismatch(String predName, String predSize, String gtName, String gtSize) {
        return "prediction " + predName + " is " + predSize + " but its ground truth " + gtName
                + " is " + gtSize + " (predictions are scored at ground-truth resolution)";
    }
}
