package io.adaptseg.core.dataset;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.labels.IdMap;
import io.adaptseg.core.labels.IdMaps;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * How label files store their values and how they become Cityscapes trainIds (0..18, 255 =
 * ignore): datasets' ground truth, and the {@code --gt-format} / {@code --pred-format} of scoring. A
 * value the format never uses is an error naming the file, the value and the pixel, never a silent
 * ignore.
 */
public enum LabelDecoder {
    /** Cityscapes {@code gtFine_labelIds} and GTA5 labels: labelIds 0..33 (and 255 for id -1). */
    LABEL_IDS("labelid", IdMaps.CITYSCAPES_LABELID_TO_TRAINID, "a Cityscapes labelId (0..33 or 255)"),
    /** SYNTHIA-RAND-CITYSCAPES {@code GT/LABELS}: 16-bit files, class id 0..22 in channel 0. */
    SYNTHIA("synthia", IdMaps.SYNTHIA_TO_TRAINID, "a SYNTHIA class id (0..22)"),
    /** Files that already hold trainIds (predictions, converted datasets): 0..18 and 255. */
    TRAIN_IDS("trainid", IdMaps.TRAINID_IDENTITY, "a trainId (0..18 or 255)");

    private final String id;
    private final IdMap map;
    private final String allowed;
    private final int[] table;

    LabelDecoder(String id, IdMap map, String allowed) {
        this.id = id;
        this.map = map;
        this.allowed = allowed;
        this.table = map.strictTable();
    }

    /** The name configs and the command line use: "labelid", "synthia", "trainid". */
    public String id() {
        return id;
    }

    /** What a valid value is, for messages: "a trainId (0..18 or 255)". */
    public String allowed() {
        return allowed;
    }

    /** The id map this decoder applies. */
    public IdMap map() {
        return map;
    }

    /**
     * Reads a label file and converts it to trainIds in place; the pixels land in {@code buffer}
     * when it has exactly width × height entries.
     */
    public LabelImage read(Path file, int[] buffer) throws AdaptsegException {
        LabelImage raw = PngCodec.readLabels(file, buffer);
        toTrainIds(raw, file.toString());
        return raw;
    }

    /**
     * Converts raw values to trainIds in place.
     *
     * @param source names the file in messages
     * @throws AdaptsegException at the first value this dataset never uses
     */
    public void toTrainIds(LabelImage image, String source) throws AdaptsegException {
        int[] t = table;
        int[] v = image.values();
        for (int i = 0; i < v.length; i++) {
            int raw = v[i];
            int mapped = raw >= 0 && raw < t.length ? t[raw] : IdMap.UNKNOWN;
            if (mapped == IdMap.UNKNOWN) {
                throw new AdaptsegException(source + ": label value " + raw + " at pixel (" + i % image.width()
                        + ", " + i / image.width() + ") is not " + allowed);
            }
            v[i] = mapped;
        }
    }

    /**
     * Looks a decoder up by its id, case-insensitively.
     *
     * @throws IllegalArgumentException naming the value and the allowed ones
     */
    public static LabelDecoder byId(String id) {
        for (LabelDecoder d : values()) {
            if (d.id.equals(id.toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown label format '" + id + "', expected one of "
                + Arrays.stream(values()).map(LabelDecoder::id).toList());
    }
}
