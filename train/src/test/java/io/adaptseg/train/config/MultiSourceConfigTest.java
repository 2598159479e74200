package io.adaptseg.train.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.AdaptsegException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys of a second labelled source domain: defaults, the list of weights, and each bad value named. */
class MultiSourceConfigTest {
    private static Path config(Path tmp, String extra) throws Exception {
        Path f = tmp.resolve("c.yaml");
        Files.writeString(f, "model: m\ndata-dir: /d\nsource-dataset: synthia\n" + extra);
        return f;
    }

    @Test
    void oneSourceByDefaultTwoWithTheSecondFolder(@TempDir Path tmp) throws Exception {
        DataSettings one = TrainConfig.read(config(tmp, ""), List.of()).data();
        assertEquals(1, one.sourceDomains());
        assertArrayEquals(new double[] {1}, one.weights());

        DataSettings two = TrainConfig.read(config(tmp, "data-dir-source2: /aux\n"), List.of()).data();
        assertEquals(2, two.sourceDomains());
        assertEquals("synthia", two.source2Kind(), "the second source has the first one's layout unless told");
        assertArrayEquals(new double[] {1, 1}, two.weights(), "equal weights by default");

        TrainConfig c = TrainConfig.read(config(tmp, "data-dir-source2: /aux\nsource2-dataset: gta5\nsource-weights: [3, 1]\n"
                + "data-list-source2: /aux/train.txt\n"), List.of());
        assertEquals("gta5", c.data().source2Kind());
        assertEquals(Optional.of(Path.of("/aux/train.txt")), c.data().dataListSource2());
        assertArrayEquals(new double[] {3, 1}, c.data().weights());
        // what a checkpoint stores reads back to the same config
        assertEquals(c.withOrigin("saved"), TrainConfig.parse(c.toYaml(), "saved", List.of()));
        assertArrayEquals(new double[] {0.7, 0.3}, TrainConfig.read(config(tmp, "data-dir-source2: /aux\n"),
                List.of("source-weights=[0.7, 0.3]")).data().weights());
    }

    @Test
    void badSourceSettingsNameTheKeyAndWhatIsAllowed(@TempDir Path tmp) throws Exception {
        Path f = config(tmp, "data-dir-source2: /aux\n");
        assertBad(f, "source-weights=[0.5, -0.5]", "source-weights must be a list of numbers >= 0, found '[0.5,-0.5]'");
        assertBad(f, "source-weights=[0, 0]", "source-weights must be a list of numbers >= 0 that are not all 0, found '[0,0]'");
        assertBad(f, "source-weights=[0.5]", "source-weights must be one weight per source domain (2: data-dir and"
                + " data-dir-source2) or [] for equal weights, found '[0.5]'");
        assertBad(f, "source-weights=[0.5, fast]", "source-weights must be a finite number, found '[0.5,\"fast\"]'");
        assertBad(f, "source-weights=0.5", "source-weights must be a list of numbers such as [0.5, 0.5], found '0.5'");
        assertBad(f, "source2-dataset=gta", "source2-dataset must be one of [gta5, synthia, cityscapes] (did you mean 'gta5'?),"
                + " found 'gta'");
        assertBad(f, "source2-dataset=kitti", "source2-dataset must be one of [gta5, synthia, cityscapes], found 'kitti'");

        Path single = config(tmp, "");
        assertBad(single, "source-weights=[0.5, 0.5]", "source-weights must be one weight per source domain (1: data-dir) or []"
                + " for equal weights, found '[0.5,0.5]'");
        // the key at fault is the config's missing data-dir-source2, not the --set: the file is named
        var missing = assertThrows(AdaptsegException.class, () -> TrainConfig.read(single, List.of("source2-dataset=gta5")));
        assertEquals(single + ": data-dir-source2 must be set when source2-dataset or data-list-source2 is, found ''",
                missing.getMessage());

        Files.writeString(f, "model: m\ndata-dir: /d\ndata-dir-sorce2: /aux\n");
        var e = assertThrows(AdaptsegException.class, () -> TrainConfig.read(f, List.of()));
        assertTrue(e.getMessage().startsWith(f + ": unknown key 'data-dir-sorce2' (did you mean 'data-dir-source2'?)"),
                e.getMessage());
    }

    private static void assertBad(Path f, String set, String message) {
        var e = assertThrows(AdaptsegException.class, () -> TrainConfig.read(f, List.of(set)), set);
        assertEquals("--set " + set + ": " + message, e.getMessage()); // blamed on the --set that gave it
    }
}
