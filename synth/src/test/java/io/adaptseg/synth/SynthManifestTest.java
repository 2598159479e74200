package io.adaptseg.synth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The manifest's one-line summary, which the demo prints: sizes WIDTHxHEIGHT, as everywhere the user reads them. */
class SynthManifestTest {
    @Test
    void theSummaryWritesTheSizeWidthFirst() {
        SynthConfig config = new SynthConfig(1, 64, 128, 16, 8, 6, EnumSet.of(SynthDataset.GTA5, SynthDataset.CITYSCAPES), 1);
        String summary = SynthManifest.summary(SynthManifest.of(config));
        assertTrue(summary.startsWith("seed 1, 128x64, "), summary);
    }
}
