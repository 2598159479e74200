package io.adaptseg.train.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.AdaptsegException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainConfigTest {
    @Test
    void everyShippedConfigIsValid() throws Exception {
        Path configs = Path.of("..", "configs");
        try (Stream<Path> files = Files.list(configs)) {
            List<Path> yamls = files.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertTrue(yamls.size() >= 4, "configs/ should hold the reference and synthetic configs");
            for (Path p : yamls) {
                TrainConfig.read(p, List.of());
            }
        }
    }

    @Test
    void readsReferenceNamesAndAppliesOverrides(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("c.yaml");
        Files.writeString(f, "model: m\ndata-dir: /d\nlearning-rate: 1e-3\ninput-size: 1280,720\n");
        TrainConfig c = TrainConfig.read(f, List.of("learning-rate-D=2e-4", "random-mirror=true", "input-size-target=[512, 256]"));
        assertEquals(1e-3, c.number("learning-rate"));
        assertEquals(2e-4, c.number("learning-rate-D"));
        assertTrue(c.flag("random-mirror"));
        assertArrayEquals(new int[] {1280, 720}, c.size("input-size"));
        assertArrayEquals(new int[] {512, 256}, c.size("input-size-target"));
        assertEquals(250000, c.integer("num-steps"));
        // the resolved YAML reads back to the same values
        TrainConfig again = TrainConfig.parse(c.toYaml(), "checkpoint", List.of());
        assertEquals(c.toYaml(), again.toYaml());
    }

    @Test
    void unknownKeysAndBadValuesNameTheKey(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("c.yaml");
        Files.writeString(f, "model: m\ndata-dir: /d\nlearnig-rate: 1e-3\n");
        var e = assertThrows(AdaptsegException.class, () -> TrainConfig.read(f, List.of()));
        assertTrue(e.getMessage().startsWith(f + ": unknown key 'learnig-rate'"), e.getMessage());

        Files.writeString(f, "model: m\ndata-dir: /d\n");
        e = assertThrows(AdaptsegException.class, () -> TrainConfig.read(f, List.of("batch-size=0")));
        assertEquals(f + ": batch-size must be a positive integer, found '0'", e.getMessage());
        e = assertThrows(AdaptsegException.class, () -> TrainConfig.read(f, List.of("momentum=1.5")));
        assertEquals(f + ": momentum must be a number in [0, 1), found '1.5'", e.getMessage());
        e = assertThrows(AdaptsegException.class, () -> TrainConfig.read(f, List.of("input-size=12x7")));
        assertEquals(f + ": input-size must be a size W,H, found '12x7'", e.getMessage());
        // method names are checked by the method registry, which new methods extend
        TrainConfig unknownMethod = TrainConfig.read(f, List.of("method=clan2"));
        e = assertThrows(AdaptsegException.class, () -> io.adaptseg.train.method.MethodRegistry.factory(unknownMethod));
        assertEquals(f + ": method must be one of [source-only, advnet, clan, maxsquare, cag], found 'clan2'", e.getMessage());
        e = assertThrows(AdaptsegException.class, () -> TrainConfig.read(f, List.of("num-steps-stop=300000")));
        assertTrue(e.getMessage().contains("num-steps-stop must be at most num-steps"), e.getMessage());
        e = assertThrows(AdaptsegException.class, () -> TrainConfig.read(f, List.of("nosuch=1")));
        assertTrue(e.getMessage().startsWith("--set: unknown key 'nosuch'"), e.getMessage());

        e = assertThrows(AdaptsegException.class, () -> TrainConfig.read(f, List.of("restore-names=caffe")));
        assertTrue(e.getMessage().startsWith(f + ": restore-names: unknown name map 'caffe'"), e.getMessage());
        TrainConfig.read(f, List.of("restore-names=clan")); // the repositories' names are aliases

        Files.writeString(f, "data-dir: /d\n");
        e = assertThrows(AdaptsegException.class, () -> TrainConfig.read(f, List.of()));
        assertEquals(f + ": required key 'model' is missing", e.getMessage());
    }
}
