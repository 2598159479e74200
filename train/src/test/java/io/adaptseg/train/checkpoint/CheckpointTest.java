package io.adaptseg.train.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.testing.TinyNetworks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @Test
    void networkRoundTripsAndMismatchNamesTheParameter(@TempDir Path tmp) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Segmenter a = TinyNetworks.twoHeads(m, 3);
            Segmenter b = TinyNetworks.twoHeads(m, 3);
            Path dir = Checkpoint.write(tmp, new TrainingState(12, Map.of("source", 24L), 0.5, 10),
                    Map.of("G", a.block()), Map.of(), "model: x\n", List.of());
            assertEquals("iter_00000012", dir.getFileName().toString());
            Checkpoint.loadNetwork(dir, "G", b.block());
            var pa = Checkpoint.parameters(a.block());
            var pb = Checkpoint.parameters(b.block());
            for (int i = 0; i < pa.size(); i++) {
                assertArrayEquals(pa.get(i).toFloatArray(), pb.get(i).toFloatArray());
            }
            TrainingState s = Checkpoint.readState(Checkpoint.resolve(tmp));
            assertEquals(12, s.iteration());
            assertEquals(24L, s.streamPositions().get("source"));

            Segmenter other = TinyNetworks.twoHeads(m, 4);
            var e = assertThrows(AdaptsegException.class, () -> Checkpoint.loadNetwork(dir, "G", other.block()));
            assertTrue(e.getMessage().contains("parameter layer5.conv2d_list.0.weight is (3, 128, 3, 3)"), e.getMessage());
            var missing = assertThrows(AdaptsegException.class, () -> Checkpoint.loadNetwork(dir, "D1", other.block()));
            assertTrue(missing.getMessage().endsWith("D1.npz: missing from the checkpoint"), missing.getMessage());
            var none = assertThrows(AdaptsegException.class, () -> Checkpoint.resolve(Files.createDirectories(tmp.resolve("empty"))));
            assertTrue(none.getMessage().contains("holds no checkpoint"), none.getMessage());
        }
    }
}
