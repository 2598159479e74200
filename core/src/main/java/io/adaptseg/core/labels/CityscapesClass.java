package io.adaptseg.core.labels;

/**
 * The 19 evaluated Cityscapes classes in trainId order, with their Cityscapes labelId and official
 * colour (cityscapesScripts {@code labels.py}). GTA5 labels use the same labelIds.
 */
public enum CityscapesClass {
    ROAD("road", 7, 128, 64, 128),
    SIDEWALK("sidewalk", 8, 244, 35, 232),
    BUILDING("building", 11, 70, 70, 70),
    WALL("wall", 12, 102, 102, 156),
    FENCE("fence", 13, 190, 153, 153),
    POLE("pole", 17, 153, 153, 153),
    TRAFFIC_LIGHT("traffic light", 19, 250, 170, 30),
    TRAFFIC_SIGN("traffic sign", 20, 220, 220, 0),
    VEGETATION("vegetation", 21, 107, 142, 35),
    TERRAIN("terrain", 22, 152, 251, 152),
    SKY("sky", 23, 70, 130, 180),
    PERSON("person", 24, 220, 20, 60),
    RIDER("rider", 25, 255, 0, 0),
    CAR("car", 26, 0, 0, 142),
    TRUCK("truck", 27, 0, 0, 70),
    BUS("bus", 28, 0, 60, 100),
    TRAIN("train", 31, 0, 80, 100),
    MOTORCYCLE("motorcycle", 32, 0, 0, 230),
    BICYCLE("bicycle", 33, 119, 11, 32);

    private final String displayName;
    private final int labelId;
    private final int rgb;

    CityscapesClass(String displayName, int labelId, int r, int g, int b) {
        this.displayName = displayName;
        this.labelId = labelId;
        this.rgb = (r << 16) | (g << 8) | b;
    }

    /** The name used in reports, as the reference scripts print it ("traffic light"). */
    public String displayName() {
        return displayName;
    }

    /** The Cityscapes (and GTA5) labelId of this class. */
    public int labelId() {
        return labelId;
    }

    /** The trainId, which is the ordinal: road is 0, bicycle is 18. */
    public int trainId() {
        return ordinal();
    }

    /**
     * Whether Cityscapes annotates single objects of this class ({@code hasInstances} in
     * cityscapesScripts' {@code labels.py}): person, rider, car, truck, bus, train, motorcycle,
     * bicycle. Their pixels carry {@code labelId * 1000 + instance} in {@code _gtFine_instanceIds.png}.
     */
    public boolean hasInstances() {
        return ordinal() >= PERSON.ordinal();
    }

    /** The official colour as 0xRRGGBB. */
    public int rgb() {
        return rgb;
    }
}
