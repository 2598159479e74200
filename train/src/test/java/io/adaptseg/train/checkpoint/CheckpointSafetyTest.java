package io.adaptseg.train.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.testing.TinyNetworks;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint exists only when every tensor in it is finite; kill -9 leftovers are cleaned. */
class CheckpointSafetyTest {
    @TempDir
    Path tmp;

    @Test
    void aNetworkWithAnInfiniteRunningStatisticIsNeverWritten() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Segmenter s = TinyNetworks.twoHeads(m, 3);
            String name = s.parameters().keySet().stream().filter(k -> k.endsWith("running_var")).findFirst().orElseThrow();
            NDArray var = s.parameters().get(name).getArray();
            float[] v = var.toFloatArray();
            v[1] = Float.POSITIVE_INFINITY;
            v[2] = Float.NaN;
            var.set(v);
            NonFiniteTensorException e = assertThrows(NonFiniteTensorException.class, () -> Checkpoint.write(tmp,
                    new TrainingState(6, Map.of(), Double.NaN, -1), Map.of("G", s.block()), Map.of(), "model: x\n", List.of()));
            assertEquals("G/" + name, e.tensor());
            assertTrue(e.getMessage().contains("at iteration 6: network G, tensor " + name + " has 2 of " + v.length
                    + " values non-finite (first Infinity)"), e.getMessage());
            try (Stream<Path> left = Files.list(tmp)) {
                assertEquals(List.of(), left.toList(), "neither the checkpoint nor a temporary folder is left");
            }
        }
    }

    @Test
    void aSavedNonFiniteTensorIsRefusedOnLoadNamingIt() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Segmenter s = TinyNetworks.twoHeads(m, 3);
            Path dir = Checkpoint.write(tmp, new TrainingState(4, Map.of(), Double.NaN, -1), Map.of("G", s.block()), Map.of(),
                    "model: x\n", List.of());
            // what an older version wrote after training diverged: one weight NaN in the npz
            Path npz = dir.resolve("networks/G.npz");
            NDList arrays;
            try (InputStream in = Files.newInputStream(npz)) {
                arrays = NDList.decode(m, in);
            }
            NDArray victim = arrays.get(3);
            float[] w = victim.toFloatArray();
            w[0] = Float.NaN;
            NDArray replaced = m.create(w, victim.getShape());
            replaced.setName(victim.getName());
            arrays.set(3, replaced);
            try (OutputStream out = Files.newOutputStream(npz)) {
                arrays.encode(out, NDList.Encoding.NPZ);
            }
            Segmenter fresh = TinyNetworks.twoHeads(m, 3);
            NonFiniteTensorException e = assertThrows(NonFiniteTensorException.class,
                    () -> Checkpoint.loadNetwork(dir, "G", fresh.block()));
            assertEquals(victim.getName(), e.tensor());
            assertTrue(e.getMessage().startsWith(npz + ": " + victim.getName() + " has 1 of "), e.getMessage());
            assertTrue(e.getMessage().contains("use an earlier one"), e.getMessage());
        }
    }

    @Test
    void temporaryFoldersOfKilledWritesAreRemovedAndNothingElse() throws Exception {
        Path a = Files.createDirectories(tmp.resolve(".iter_00000004.8123456789012345678/networks"));
        Files.writeString(a.resolve("G.npz"), "half written");
        Files.createDirectories(tmp.resolve(".iter_00000006.42"));
        Files.createDirectories(tmp.resolve(".best.77"));
        Path real = Files.createDirectories(tmp.resolve("iter_00000002"));
        Path other = Files.createDirectories(tmp.resolve(".git"));
        Path file = Files.writeString(tmp.resolve(".iter_00000008.5"), "a file, not a write folder");
        assertEquals(3, Checkpoint.removeInterruptedWrites(tmp));
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(file, other, real).stream().sorted().toList(), left.sorted().toList());
        }
        assertEquals(0, Checkpoint.removeInterruptedWrites(tmp));
        assertEquals(0, Checkpoint.removeInterruptedWrites(tmp.resolve("absent")));
        assertFalse(Files.exists(a));
    }
}
