package io.adaptseg.core.dataset;

import java.nio.file.Path;

/** A file that could not be paired, and why ("image without a label", "listed in val.txt but missing"). */
public record Unpaired(Path file, String reason) {
    @Override
    public String toString() {
        return file + " (" + reason + ")";
    }
}
