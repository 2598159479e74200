package io.adaptseg.core.scoring;

import io.adaptseg.core.labels.IdMap;
import io.adaptseg.core.labels.IdMaps;
import java.util.Arrays;
import java.util.Locale;

/** How label values are stored in a ground-truth or prediction file. */
public enum LabelFormat {
    /** Cityscapes trainIds 0..18, 255 = ignore (the research repos' predictions). */
    TRAINID("trainid", IdMaps.TRAINID_IDENTITY, "a trainId (0..18 or 255)"),
    /** Cityscapes labelIds 0..33, 255 = ignore (gtFine_labelIds, the official evaluation's predictions). */
    LABELID("labelid", IdMaps.CITYSCAPES_LABELID_TO_TRAINID, "a Cityscapes labelId (0..33 or 255)");

    private final String id;
    private final IdMap toTrainId;
    private final String allowed;

    LabelFormat(String id, IdMap toTrainId, String allowed) {
        this.id = id;
        this.toTrainId = toTrainId;
        this.allowed = allowed;
    }

    /** The command-line name. */
    public String id() {
        return id;
    }

    /** Stored value to trainId; unknown values are invalid in this format. */
    public IdMap toTrainId() {
        return toTrainId;
    }

    /** What a valid value is, for messages: "a trainId (0..18 or 255)". */
    public String allowed() {
        return allowed;
    }

    /** Looks a format up by its command-line name, case-insensitively. */
    public static LabelFormat byId(String id) {
        for (LabelFormat f : values()) {
            if (f.id.equals(id.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown label format '" + id + "', expected one of "
                + Arrays.stream(values()).map(LabelFormat::id).toList());
    }
}
