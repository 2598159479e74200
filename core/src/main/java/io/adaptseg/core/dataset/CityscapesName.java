package io.adaptseg.core.dataset;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Cityscapes file naming {@code <city>_<seq>_<frame>_<suffix>}, e.g.
 * {@code aachen_000000_000019_leftImg8bit.png}: the stem is {@code aachen_000000_000019}.
 */
public record CityscapesName(String city, String stem) {
    /** City, six-digit sequence and six-digit frame; cities are lower-case words. */
    private static final Pattern NAME = Pattern.compile("([a-z]+(?:_[a-z]+)*)_(\\d{6})_(\\d{6})_.+");

    /** Parses a file name (not a path); empty when it does not follow the naming. */
    public static Optional<CityscapesName> parse(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new CityscapesName(m.group(1), m.group(1) + "_" + m.group(2) + "_" + m.group(3)));
    }
}
