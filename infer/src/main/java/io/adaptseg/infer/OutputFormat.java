package io.adaptseg.infer;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The prediction files written per input image, each format in its own top-level folder of the
 * output root, below which the input's relative folder (the city for Cityscapes) is kept. For an
 * input named {@code X.png} (or {@code X.jpg}, any format ImageIO reads) whose key is {@code K}
 * ({@code X} without a trailing {@code _leftImg8bit}):
 * <ul>
 *   <li>{@link #TRAINID}: {@code trainIds/X.png}, 8-bit trainIds 0..18 and 255 — the research
 *       scripts keep the input's name, so Cityscapes inputs give {@code K_leftImg8bit.png};
 *   <li>{@link #LABELID}: {@code labelIds/K_labelIds.png}, 8-bit Cityscapes labelIds (ignore → 0),
 *       what the official cityscapesScripts evaluation reads;
 *   <li>{@link #COLOR}: {@code color/K_color.png}, the Cityscapes palette (ignore → black);
 *   <li>{@link #OVERLAY}: {@code overlay/K_overlay.png}, the colours blended half-and-half over the image.
 * </ul>
 *
 * <p>Why one folder per format: the official {@code evalPixelLevelSemanticLabeling} searches
 * {@code CITYSCAPES_RESULTS} recursively for any file whose name contains
 * {@code <city>_<seq>_<frame>} and refuses a ground truth with several matches, so the labelId
 * folder must hold exactly one file per image; {@code CITYSCAPES_RESULTS=<out>/labelIds} then works
 * with the script unmodified.
 */
public enum OutputFormat {
    TRAINID("trainid", "trainIds", null),
    LABELID("labelid", "labelIds", "_labelIds"),
    COLOR("color", "color", "_color"),
    OVERLAY("overlay", "overlay", "_overlay");

    private static final String CITYSCAPES_SUFFIX = "_leftImg8bit";

    private final String id;
    private final String folder;
    private final String suffix;

    OutputFormat(String id, String folder, String suffix) {
        this.id = id;
        this.folder = folder;
        this.suffix = suffix;
    }

    /** The folder of this format directly under the output root. */
    public String folder() {
        return folder;
    }

    /** The command-line name. */
    public String id() {
        return id;
    }

    /** The output file name for an input file name (with its extension). */
    public String fileName(String inputName) {
        String stem = stem(inputName);
        if (this == TRAINID) {
            return stem + ".png";
        }
        String key = stem.endsWith(CITYSCAPES_SUFFIX) ? stem.substring(0, stem.length() - CITYSCAPES_SUFFIX.length()) : stem;
        return key + suffix + ".png";
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * Parses a comma-separated list such as {@code trainid,color}.
     *
     * @throws IllegalArgumentException naming the unknown entry and the allowed ones
     */
    public static Set<OutputFormat> parseList(String spec) {
        Set<OutputFormat> out = EnumSet.noneOf(OutputFormat.class);
        for (String raw : spec.split(",")) {
            String token = raw.trim().toLowerCase(Locale.ROOT);
            out.add(Arrays.stream(values()).filter(f -> f.id.equals(token)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown output format '" + raw.trim() + "' in '" + spec
                            + "', expected a comma-separated list of " + Arrays.stream(values()).map(OutputFormat::id).toList())));
        }
        if (out.isEmpty()) { // "," or "": split drops the empty pieces, and an empty set would fail later, unnamed
            throw new IllegalArgumentException("names no output format in '" + spec + "', expected a comma-separated"
                    + " list of " + Arrays.stream(values()).map(OutputFormat::id).toList());
        }
        return out;
    }
}
