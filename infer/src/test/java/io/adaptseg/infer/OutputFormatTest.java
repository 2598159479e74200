package io.adaptseg.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutputFormatTest {
    @Test
    void eachFormatHasItsOwnFolderAboveTheCityFolder() {
        PredictInput input = new PredictInput(Path.of("cs/leftImg8bit/val/ulm/ulm_000000_000019_leftImg8bit.jpg"), Path.of("ulm"),
                Optional.empty());
        Path out = Path.of("out");
        assertEquals(Path.of("out/trainIds/ulm/ulm_000000_000019_leftImg8bit.png"), input.output(out, OutputFormat.TRAINID));
        assertEquals(Path.of("out/labelIds/ulm/ulm_000000_000019_labelIds.png"), input.output(out, OutputFormat.LABELID));
        assertEquals(Path.of("out/color/ulm/ulm_000000_000019_color.png"), input.output(out, OutputFormat.COLOR));
        assertEquals(Path.of("out/overlay/ulm/ulm_000000_000019_overlay.png"), input.output(out, OutputFormat.OVERLAY));
    }

    @Test
    void cityscapesAndPlainNames() {
        String cs = "frankfurt_000001_007973_leftImg8bit.png";
        assertEquals(cs, OutputFormat.TRAINID.fileName(cs));
        assertEquals("frankfurt_000001_007973_labelIds.png", OutputFormat.LABELID.fileName(cs));
        assertEquals("frankfurt_000001_007973_color.png", OutputFormat.COLOR.fileName(cs));
        assertEquals("frankfurt_000001_007973_overlay.png", OutputFormat.OVERLAY.fileName(cs));
        assertEquals("00001.png", OutputFormat.TRAINID.fileName("00001.jpg"));
        assertEquals("00001_labelIds.png", OutputFormat.LABELID.fileName("00001.png"));
    }

    @Test
    void parsesListsAndNamesBadEntries() {
        assertEquals(EnumSet.of(OutputFormat.TRAINID, OutputFormat.COLOR), OutputFormat.parseList("trainid, COLOR"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutputFormat.parseList("trainid,colour"));
        assertTrue(e.getMessage().contains("'colour'") && e.getMessage().contains("overlay"), e.getMessage());
    }

}
