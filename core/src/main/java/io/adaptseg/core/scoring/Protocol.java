package io.adaptseg.core.scoring;

import io.adaptseg.core.labels.CityscapesClass;
import io.adaptseg.core.labels.LabelSet;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which classes a confusion matrix counts and which it reports, following the reference repos.
 *
 * <ul>
 *   <li>{@link #CITYSCAPES19}: 19×19 matrix, the 19 classes reported (every repo's compute_iou).
 *   <li>{@link #SYNTHIA16} (MaxSquare): ground truth and prediction mapped into the 16 classes, a
 *       ground-truth pixel of terrain, truck or train is ignored, a prediction of one of them is a
 *       miss; reports the 16 classes, mIoU (= mIoU16) and mIoU13 over the 13-class subset of the
 *       same matrix, as MaxSquare's {@code Eval} does.
 *   <li>{@link #SYNTHIA13} (CLAN): a 19×19 matrix as for Cityscapes (so a road prediction on a wall
 *       pixel is a false positive for road), and the 13 classes reported; mIoU = nan-mean over them.
 * </ul>
 */
public enum Protocol {
    CITYSCAPES19("cityscapes19", LabelSet.CITYSCAPES19, LabelSet.CITYSCAPES19),
    SYNTHIA16("synthia16", LabelSet.SYNTHIA16, LabelSet.SYNTHIA16),
    SYNTHIA13("synthia13", LabelSet.CITYSCAPES19, LabelSet.SYNTHIA13);

    private final String id;
    private final LabelSet matrixSet;
    private final LabelSet reportedSet;

    Protocol(String id, LabelSet matrixSet, LabelSet reportedSet) {
        this.id = id;
        this.matrixSet = matrixSet;
        this.reportedSet = reportedSet;
    }

    /** The command-line name. */
    public String id() {
        return id;
    }

    /** The classes the confusion matrix counts (its index space). */
    public LabelSet matrixSet() {
        return matrixSet;
    }

    /** The classes the report lists, in order. */
    public LabelSet reportedSet() {
        return reportedSet;
    }

    /** Matrix indices of the reported classes, in report order. */
    public int[] reportedClasses() {
        return indicesIn(matrixSet, reportedSet);
    }

    /** Names of the reported classes. */
    public List<String> reportedNames() {
        return reportedSet.names();
    }

    /**
     * Means reported besides the main mIoU, as positions into {@link #reportedClasses()}:
     * "mIoU13" for synthia16, nothing otherwise.
     */
    public Map<String, int[]> extraMeans() {
        Map<String, int[]> extra = new LinkedHashMap<>();
        if (this == SYNTHIA16) {
            extra.put("mIoU13", indicesIn(reportedSet, LabelSet.SYNTHIA13));
        }
        return extra;
    }

    private static int[] indicesIn(LabelSet outer, LabelSet inner) {
        return inner.classes().stream().mapToInt(c -> outer.fromTrainId(c.trainId())).toArray();
    }

    /** Trainids of the reported classes, for reports. */
    public int[] reportedTrainIds() {
        return reportedSet.classes().stream().mapToInt(CityscapesClass::trainId).toArray();
    }

    /** Looks a protocol up by its command-line name, case-insensitively. */
    public static Protocol byId(String id) {
        for (Protocol p : values()) {
            if (p.id.equals(id.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown protocol '" + id + "', expected one of "
                + Arrays.stream(values()).map(Protocol::id).toList());
    }
}
