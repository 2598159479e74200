package io.adaptseg.train.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.model.Normalization;
import io.adaptseg.train.checkpoint.Checkpoint;
import io.adaptseg.train.checkpoint.TrainingState;
import io.adaptseg.train.data.Augmentation;
import io.adaptseg.train.data.BatchStream;
import io.adaptseg.train.method.AdaptationMethod;
import io.adaptseg.train.method.AdvNet;
import io.adaptseg.train.method.AdvNetSettings;
import io.adaptseg.train.method.SegmenterOptimization;
import io.adaptseg.train.method.SourceOnly;
import io.adaptseg.train.optim.LearningRateSchedule;
import io.adaptseg.train.testing.SyntheticSamples;
import io.adaptseg.train.testing.TinyNetworks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLoopTest {
    private static final List<Integer> SAMPLES = IntStream.range(0, 5).boxed().toList();
    private static final long SEED = 99;

    private static BatchStream<Integer> stream(boolean target, long position) {
        return new BatchStream<>(target ? "target" : "source", SAMPLES, SyntheticSamples.decoder(target),
                new Augmentation(64, 32, true, 1.0, 1.0, true), Normalization.RGB_UNIT, 2, !target, SEED, 2, 2, position);
    }

    private static TrainingLoop.Settings settings(Path dir, long numSteps, long stopAt, double lr) {
        return new TrainingLoop.Settings(numSteps, stopAt, 1, 2, 0, LearningRateSchedule.poly(lr, numSteps, 0.9),
                LearningRateSchedule.poly(1e-4, numSteps, 0.9), "method: advnet\n", dir, SEED,
                DivergencePolicy.WARN);
    }

    private static AdvNet advnet(NDManager m) {
        Engine.getInstance().setRandomSeed(7);
        return new AdvNet(TinyNetworks.twoHeads(m, 2), AdvNetSettings.REFERENCE.withDiscriminatorWidth(TinyNetworks.DISCRIMINATOR_WIDTH), m);
    }

    private static TrainingState run(AdaptationMethod method, TrainingLoop.Settings s, TrainingState start, PrintStream log)
            throws AdaptsegException, IOException {
        try (BatchStream<Integer> src = stream(false, start.streamPositions().getOrDefault("source", 0L));
                BatchStream<Integer> tgt = stream(true, start.streamPositions().getOrDefault("target", 0L))) {
            return new TrainingLoop(s, method, src, tgt, null, log, new PrintStream(new ByteArrayOutputStream()), false).run(start);
        }
    }

    private static List<float[]> weights(AdaptationMethod method) {
        List<float[]> out = new ArrayList<>();
        for (var block : method.networks().values()) {
            for (NDArray a : Checkpoint.parameters(block)) {
                out.add(a.toFloatArray());
            }
        }
        return out;
    }

    private static final TrainingState FRESH = new TrainingState(0, Map.of(), Double.NaN, -1);

    @Test
    void resumedRunEndsWithTheSameWeightsAsAStraightRun(@TempDir Path tmp) throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        List<float[]> straight;
        try (NDManager m = NDManager.newBaseManager(); AdvNet a = advnet(m)) {
            run(a, settings(tmp.resolve("straight"), 6, 6, 1e-2), FRESH, quiet);
            straight = weights(a);
        }
        try (NDManager m = NDManager.newBaseManager(); AdvNet a = advnet(m)) {
            run(a, settings(tmp.resolve("split"), 6, 3, 1e-2), FRESH, quiet);
        }
        List<float[]> resumed;
        try (NDManager m = NDManager.newBaseManager(); AdvNet a = advnet(m)) {
            // a different initialisation, so only the checkpoint can make the weights equal
            Engine.getInstance().setRandomSeed(8);
            Path dir = tmp.resolve("split");
            TrainingState state = Resume.restore(Checkpoint.resolve(dir), a, dir);
            assertEquals(3, state.iteration());
            run(a, settings(dir, 6, 6, 1e-2), state, quiet);
            resumed = weights(a);
            assertEquals(7, Files.readAllLines(dir.resolve(MetricsLog.CSV)).size(), "header + 6 iterations, no duplicates");
        }
        assertEquals(straight.size(), resumed.size());
        for (int i = 0; i < straight.size(); i++) {
            assertArrayEquals(straight.get(i), resumed.get(i), 1e-6f, "parameter " + i);
        }
    }

    /**
     * DeepLab-v3+ has dropout, which draws from PyTorch's generator; the loop re-seeds it per
     * iteration from (seed, iteration), so a resumed run draws the same masks as a straight one.
     */
    @Test
    void resumeIsExactWithDropout(@TempDir Path tmp) throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        List<float[]> straight;
        try (NDManager m = NDManager.newBaseManager(); SourceOnly a = dropoutNet(m, 3)) {
            runSource(a, settings(tmp.resolve("straight"), 4, 4, 1e-2), FRESH, quiet);
            straight = weights(a);
        }
        try (NDManager m = NDManager.newBaseManager(); SourceOnly a = dropoutNet(m, 3)) {
            runSource(a, settings(tmp.resolve("split"), 4, 2, 1e-2), FRESH, quiet);
        }
        List<float[]> resumed;
        try (NDManager m = NDManager.newBaseManager(); SourceOnly a = dropoutNet(m, 4)) {
            Path dir = tmp.resolve("split");
            TrainingState state = Resume.restore(Checkpoint.resolve(dir), a, dir);
            runSource(a, settings(dir, 4, 4, 1e-2), state, quiet);
            resumed = weights(a);
        }
        for (int i = 0; i < straight.size(); i++) {
            assertArrayEquals(straight.get(i), resumed.get(i), 1e-6f, "parameter " + i);
        }
    }

    private static SourceOnly dropoutNet(NDManager m, int initSeed) {
        Engine.getInstance().setRandomSeed(initSeed);
        return new SourceOnly(TinyNetworks.create("deeplabv3plus-tiny", m, 2), 0.1, SegmenterOptimization.REFERENCE, m);
    }

    private static void runSource(SourceOnly method, TrainingLoop.Settings s, TrainingState start, PrintStream log)
            throws AdaptsegException, IOException {
        try (BatchStream<Integer> src = stream(false, start.streamPositions().getOrDefault("source", 0L))) {
            new TrainingLoop(s, method, src, null, null, log, new PrintStream(new ByteArrayOutputStream()), false).run(start);
        }
    }

    @Test
    void sourceOnlyRunLowersTheLossAndWritesLogsCheckpointsAndCurves(@TempDir Path tmp) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (NDManager m = NDManager.newBaseManager();
                SourceOnly method = new SourceOnly(TinyNetworks.twoHeads(m, 2), 0.1, SegmenterOptimization.REFERENCE, m);
                BatchStream<Integer> src = stream(false, 0)) {
            var s = new TrainingLoop.Settings(40, 40, 10, 20, 0, LearningRateSchedule.poly(2e-2, 40, 0.9),
                    LearningRateSchedule.poly(0, 40, 0.9), "method: source-only\n", tmp, SEED,
                    DivergencePolicy.WARN);
            new TrainingLoop(s, method, src, null, null, log, new PrintStream(new ByteArrayOutputStream()), false).run(FRESH);
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.getFirst().matches("iter =        0/      40, loss_seg1 = \\d+\\.\\d{6} loss_seg2 = \\d+\\.\\d{6} time:\\d+\\.\\d{6}"),
                lines.getFirst());
        List<String> csv = Files.readAllLines(tmp.resolve(MetricsLog.CSV));
        assertEquals("iteration,lr,lr_D,loss_seg1,loss_seg2,seconds", csv.getFirst());
        double first = mean(csv.subList(1, 6));
        double last = mean(csv.subList(36, 41));
        assertTrue(last < 0.5 * first, "loss_seg2 went from " + first + " to " + last);
        assertTrue(Files.isRegularFile(tmp.resolve("iter_00000020/networks/G.npz")));
        assertTrue(Files.isRegularFile(tmp.resolve("iter_00000040/optimizers/G.npz")));
        assertTrue(Files.size(tmp.resolve(TrainingLoop.CURVES)) > 1000);
        try (var files = Files.list(tmp)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary directories left");
        }
    }

    private static double mean(List<String> rows) {
        return rows.stream().mapToDouble(r -> Double.parseDouble(r.split(",")[4])).average().orElseThrow();
    }

    @Test
    void nonFiniteLossStopsNamingTheLossAndIteration(@TempDir Path tmp) throws Exception {
        try (NDManager m = NDManager.newBaseManager(); AdvNet a = advnet(m)) {
            // a huge learning rate makes the weights overflow within a few iterations
            var e = assertThrows(TrainingDivergedException.class,
                    () -> run(a, settings(tmp, 50, 50, 1e30), FRESH, new PrintStream(new ByteArrayOutputStream())));
            // either a loss becomes non-finite first, or the weights do and the next checkpoint is refused
            assertTrue(e.getMessage().matches("loss loss_\\w+ is (NaN|Infinity|-Infinity) at iteration \\d+; training stopped.*")
                    || e.getMessage().matches("the weights are not finite at iteration \\d+: network \\w+, tensor \\S+ has \\d+ of \\d+"
                            + " values non-finite .*; training stopped without saving it, the last good checkpoint is .*"),
                    e.getMessage());
        }
    }

    @Test
    void streamOrderDependsOnlyOnSeedAndPosition() throws Exception {
        try (NDManager m = NDManager.newBaseManager(); BatchStream<Integer> a = stream(false, 0);
                BatchStream<Integer> b = stream(false, 4)) {
            a.next(m);
            a.next(m);
            assertEquals(4, a.position());
            NDList x = new NDList(a.next(m).images());
            NDList y = new NDList(b.next(m).images());
            assertArrayEquals(x.singletonOrThrow().toFloatArray(), y.singletonOrThrow().toFloatArray());
        }
    }
}
