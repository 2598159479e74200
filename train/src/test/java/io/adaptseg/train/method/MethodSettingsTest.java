package io.adaptseg.train.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.train.config.TrainConfig;
import io.adaptseg.train.translator.AdainSettings;
import io.adaptseg.train.translator.Translator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The method settings of every shipped config, and bad values named with their config. */
class MethodSettingsTest {
    @Test
    void shippedConfigsSelectRegisteredMethodsWithValidSettings() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("..", "configs"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                TrainConfig c = TrainConfig.read(p, List.of());
                if (c.run().kind().trainsTranslator()) {
                    // the style translator trains through its own run, never through a segmentation factory
                    assertEquals(Translator.ARCHITECTURE, c.run().model(), p.toString());
                    new AdainSettings(c.adain().alpha(), c.adain().styleWeight(), c.adain().contentWeight());
                    var e = assertThrows(AdaptsegException.class, () -> MethodRegistry.factory(c));
                    assertTrue(e.getMessage().contains("style translator"), e.getMessage());
                    continue;
                }
                MethodRegistry.factory(c);
                switch (c.run().method()) {
                    case "clan" -> assertEquals(0.4, MethodRegistry.clanSettings(c).epsilon(), p.toString());
                    case "maxsquare" -> assertTrue(MethodRegistry.maxSquareSettings(c).multi(), p.toString());
                    case "cag" -> assertEquals(2.5, MethodRegistry.cagSettings(c).deltaD(), p.toString());
                    default -> { }
                }
            }
        }
        assertTrue(MethodRegistry.names().containsAll(List.of("clan", "maxsquare", "cag")));
    }

    @Test
    void referenceValuesOfTheShippedConfigs() throws Exception {
        TrainConfig synthia = TrainConfig.read(Path.of("..", "configs", "clan-synthia-cityscapes.yaml"), List.of());
        assertEquals(10, MethodRegistry.clanSettings(synthia).lambdaLocal());
        assertEquals(5000, MethodRegistry.clanSettings(synthia).preheatSteps());
        TrainConfig ms = TrainConfig.read(Path.of("..", "configs", "maxsquare-synthia-cityscapes.yaml"), List.of());
        // IW_ratio 0.2 for SYNTHIA too at the pinned commit (docs/fidelity.md)
        assertEquals(0.2, MethodRegistry.maxSquareSettings(ms).alpha());
        assertEquals(io.adaptseg.core.labels.LabelSet.SYNTHIA16, ms.run().labelSet());
    }

    @Test
    void badValuesNameWhereTheyCameFrom(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path cfg = Path.of("..", "configs", "maxsquare-synthetic-tiny.yaml");
        // a value given with --set is blamed on that option, not on the file (issue 30: it named the file)
        var e = assertThrows(AdaptsegException.class,
                () -> MethodRegistry.maxSquareSettings(TrainConfig.read(cfg, List.of("threshold=1.5"))));
        assertTrue(e.getMessage().startsWith("--set threshold=1.5: ") && !e.getMessage().contains("maxsquare-synthetic-tiny"),
                e.getMessage());
        e = assertThrows(AdaptsegException.class,
                () -> MethodRegistry.maxSquareSettings(TrainConfig.read(cfg, List.of("target-loss=entropy"))));
        assertTrue(e.getMessage().contains("target-loss"), e.getMessage());
        Path cag = Path.of("..", "configs", "cag-synthetic-tiny.yaml");
        e = assertThrows(AdaptsegException.class,
                () -> MethodRegistry.cagSettings(TrainConfig.read(cag, List.of("delta-d=-1"))));
        assertTrue(e.getMessage().startsWith("--set delta-d=-1: "), e.getMessage());
        // the same value written in the file is blamed on the file
        Path written = dir.resolve("maxsquare-bad.yaml");
        Files.writeString(written, Files.readString(cfg) + "\nthreshold: 1.5\n");
        e = assertThrows(AdaptsegException.class,
                () -> MethodRegistry.maxSquareSettings(TrainConfig.read(written, List.of())));
        assertTrue(e.getMessage().contains("maxsquare-bad.yaml") && e.getMessage().contains("1.5"), e.getMessage());
    }
}
