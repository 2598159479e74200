package io.adaptseg.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auxiliary domain is restricted to the source's training names only when it holds them all; a
 * folder that holds them but is broken is an error, never a silent fall-back to every image (which
 * would train on the held-out images' copies).
 */
class AuxiliaryListTest {
    @Test
    void missingNamesFallBackButABrokenCopyIsAnError(@TempDir Path dir) throws Exception {
        Path aux = dir.resolve("aux");
        Files.createDirectories(aux.resolve("images"));
        Files.createDirectories(aux.resolve("labels"));
        for (String name : new String[] {"00001.png", "00002.png"}) {
            PngCodec.writeRgb(aux.resolve("images").resolve(name), new RgbImage(4, 2, new byte[4 * 2 * 3]));
            PngCodec.writeLabels8(aux.resolve("labels").resolve(name), new LabelImage(4, 2, new int[8]));
        }
        Path list = Files.writeString(dir.resolve("train.txt"), "00001.png\n00002.png\n");
        assertEquals(Optional.of(list), AuxiliaryExperiment.auxiliaryList(aux, list));

        Path other = Files.writeString(dir.resolve("other.txt"), "00001.png\n00009.png\n");
        assertEquals(Optional.empty(), AuxiliaryExperiment.auxiliaryList(aux, other), "not a copy of this source");

        Files.delete(aux.resolve("labels").resolve("00002.png"));
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> AuxiliaryExperiment.auxiliaryList(aux, list));
        assertTrue(e.getMessage().contains("00002"), e.getMessage());
    }
}
