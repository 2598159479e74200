package io.adaptseg.core.dataset;

import java.util.Arrays;
import java.util.Locale;

/** The dataset layouts configs and the command line can name. */
public enum DatasetKind {
    /** {@code leftImg8bit/<split>/<city>} + {@code gtFine/<split>/<city>}. */
    CITYSCAPES("cityscapes"),
    /** {@code images/} + {@code labels/}. */
    GTA5("gta5"),
    /** SYNTHIA-RAND-CITYSCAPES {@code RGB/} + {@code GT/LABELS/}. */
    SYNTHIA("synthia"),
    /** Every PNG below a folder, no labels. */
    FOLDER("folder"),
    /** The reference repos' list files. */
    LIST("list");

    private final String id;

    DatasetKind(String id) {
        this.id = id;
    }

    /** The name in configs and on the command line. */
    public String id() {
        return id;
    }

    /**
     * Looks a kind up by its id, case-insensitively.
     *
     * @throws IllegalArgumentException naming the value and the allowed ones
     */
    public static DatasetKind byId(String id) {
        for (DatasetKind kind : values()) {
            if (kind.id.equals(id.toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown dataset kind '" + id + "', expected one of "
                + Arrays.stream(values()).map(DatasetKind::id).toList());
    }
}
