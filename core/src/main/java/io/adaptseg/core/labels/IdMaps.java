package io.adaptseg.core.labels;

/** The id maps of the supported datasets (docs/methods.md, "Datasets and labels"). */
public final class IdMaps {
    private IdMaps() {
    }

    /**
     * Cityscapes labelId (also GTA5's label values) to trainId. Values 0..33 are known (ids outside
     * the 19 classes are ignored); 255 is accepted as ignore because some tools write the
     * license-plate id -1 as 255.
     */
    public static final IdMap CITYSCAPES_LABELID_TO_TRAINID = cityscapesLabelIdToTrainId();

    /** SYNTHIA-RAND-CITYSCAPES raw class id (channel 0 of the 16-bit GT) to trainId; ids 0..22 known. */
    public static final IdMap SYNTHIA_TO_TRAINID = IdMap.of("synthia id -> trainId", 23, new int[][] {
        {3, 0}, {4, 1}, {2, 2}, {21, 3}, {5, 4}, {7, 5}, {15, 6}, {9, 7}, {6, 8}, {16, 9}, {1, 10},
        {10, 11}, {17, 12}, {8, 13}, {18, 14}, {19, 15}, {20, 16}, {12, 17}, {11, 18}});

    /** TrainId (0..18) to Cityscapes labelId, for the official evaluation format; 255 maps to 0 (unlabeled). */
    public static final IdMap TRAINID_TO_LABELID = trainIdToLabelId();

    /** TrainId as stored in prediction files: 0..18 and 255 are known, anything else is not. */
    public static final IdMap TRAINID_IDENTITY = trainIdIdentity();

    private static IdMap cityscapesLabelIdToTrainId() {
        CityscapesClass[] classes = CityscapesClass.values();
        int[][] pairs = new int[classes.length][];
        for (CityscapesClass c : classes) {
            pairs[c.trainId()] = new int[] {c.labelId(), c.trainId()};
        }
        int[][] known = new int[34 + 1][];
        IdMap full = IdMap.of("cityscapes labelId -> trainId", 34, pairs);
        for (int raw = 0; raw < 34; raw++) {
            known[raw] = new int[] {raw, full.map(raw)};
        }
        known[34] = new int[] {255, IdMap.IGNORE};
        return IdMap.partial("cityscapes labelId -> trainId", 256, known);
    }

    private static IdMap trainIdToLabelId() {
        CityscapesClass[] classes = CityscapesClass.values();
        int[][] pairs = new int[classes.length + 1][];
        for (CityscapesClass c : classes) {
            pairs[c.trainId()] = new int[] {c.trainId(), c.labelId()};
        }
        pairs[classes.length] = new int[] {IdMap.IGNORE, 0};
        return IdMap.partial("trainId -> cityscapes labelId", 256, pairs);
    }

    private static IdMap trainIdIdentity() {
        CityscapesClass[] classes = CityscapesClass.values();
        int[][] pairs = new int[classes.length + 1][];
        for (CityscapesClass c : classes) {
            pairs[c.trainId()] = new int[] {c.trainId(), c.trainId()};
        }
        pairs[classes.length] = new int[] {IdMap.IGNORE, IdMap.IGNORE};
        return IdMap.partial("trainId", 256, pairs);
    }
}
