package io.adaptseg.core.labels;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An ordered set of evaluated classes: the output channels of a model and the rows of a confusion
 * matrix. Index {@code i} of a label set is its i-th class; {@link #fromTrainId(int)} converts a
 * Cityscapes trainId (the on-disk prediction format) to that index.
 *
 * <ul>
 *   <li>{@link #CITYSCAPES19}: the 19 Cityscapes classes; index = trainId.
 *   <li>{@link #SYNTHIA16}: without terrain, truck and train (mIoU16; MaxSquare trains 16 outputs).
 *   <li>{@link #SYNTHIA13}: SYNTHIA16 without wall, fence and pole (mIoU13).
 * </ul>
 */
public enum LabelSet {
    CITYSCAPES19("cityscapes19", CityscapesClass.values()),
    SYNTHIA16("synthia16", without(CityscapesClass.values(),
            CityscapesClass.TERRAIN, CityscapesClass.TRUCK, CityscapesClass.TRAIN)),
    SYNTHIA13("synthia13", without(SYNTHIA16.classesArray(),
            CityscapesClass.WALL, CityscapesClass.FENCE, CityscapesClass.POLE));

    private final String id;
    private final CityscapesClass[] classes;
    private final int[] fromTrainId;

    LabelSet(String id, CityscapesClass[] classes) {
        this.id = id;
        this.classes = classes;
        this.fromTrainId = new int[256];
        Arrays.fill(fromTrainId, IdMap.IGNORE);
        for (int i = 0; i < classes.length; i++) {
            fromTrainId[classes[i].trainId()] = i;
        }
    }

    private static CityscapesClass[] without(CityscapesClass[] all, CityscapesClass... removed) {
        List<CityscapesClass> drop = List.of(removed);
        return Arrays.stream(all).filter(c -> !drop.contains(c)).toArray(CityscapesClass[]::new);
    }

    private CityscapesClass[] classesArray() {
        return classes;
    }

    /** The name used in configs, metadata and on the command line, e.g. "synthia16". */
    public String id() {
        return id;
    }

    /** Number of classes (model outputs). */
    public int size() {
        return classes.length;
    }

    /** The classes in index order. */
    public List<CityscapesClass> classes() {
        return List.of(classes);
    }

    /** The class at index {@code i}. */
    public CityscapesClass get(int i) {
        return classes[i];
    }

    /** The display names in index order ("road", "sidewalk", ...). */
    public List<String> names() {
        return Arrays.stream(classes).map(CityscapesClass::displayName).toList();
    }

    /** Index of a Cityscapes trainId in this set, or {@link IdMap#IGNORE} when not in it. */
    public int fromTrainId(int trainId) {
        return trainId >= 0 && trainId < 256 ? fromTrainId[trainId] : IdMap.IGNORE;
    }

    /** The Cityscapes trainId of index {@code i}. */
    public int toTrainId(int i) {
        return classes[i].trainId();
    }

    /** Colours 0xRRGGBB in index order. */
    public int[] palette() {
        return Arrays.stream(classes).mapToInt(CityscapesClass::rgb).toArray();
    }

    /**
     * Looks a label set up by its id, case-insensitively.
     *
     * @throws IllegalArgumentException naming the value and the allowed ones
     */
    public static LabelSet byId(String id) {
        for (LabelSet set : values()) {
            if (set.id.equals(id.toLowerCase(Locale.ROOT))) {
                return set;
            }
        }
        throw new IllegalArgumentException("unknown label set '" + id + "', expected one of "
                + Arrays.stream(values()).map(LabelSet::id).toList());
    }
}
