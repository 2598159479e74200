package io.adaptseg.synth;

import java.util.Locale;

/** The three synthetic datasets: two sources in the layouts of GTA5 and SYNTHIA, one target in Cityscapes'. */
public enum SynthDataset {
    /** GTA5 layout ({@code images/00001.png}, {@code labels/00001.png} with Cityscapes labelIds), game look. */
    GTA5("gta5", DomainStyle.GAME),
    /** SYNTHIA-RAND-CITYSCAPES layout ({@code RGB/}, 16-bit {@code GT/LABELS/}), a second renderer's look. */
    SYNTHIA("synthia", DomainStyle.SIMULATOR),
    /** Cityscapes layout ({@code leftImg8bit/}, {@code gtFine/}, train and val), camera look. */
    CITYSCAPES("cityscapes", DomainStyle.CAMERA);

    private final String id;
    private final DomainStyle style;

    SynthDataset(String id, DomainStyle style) {
        this.id = id;
        this.style = style;
    }

    /** The name on the command line and the folder under the output directory. */
    public String id() {
        return id;
    }

    /** The appearance of this dataset's images. */
    public DomainStyle style() {
        return style;
    }

    /** Whether this is the (unlabelled, in training) target domain. */
    public boolean isTarget() {
        return this == CITYSCAPES;
    }

    /** The dataset named {@code id} (case-insensitive). */
    public static SynthDataset byId(String id) {
        for (SynthDataset d : values()) {
            if (d.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dataset '" + id + "', expected one of gta5, synthia, cityscapes");
    }
}
