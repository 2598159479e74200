package io.adaptseg.train.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.adaptseg.core.model.Normalization;
import io.adaptseg.train.checkpoint.Checkpoint;
import io.adaptseg.train.checkpoint.TrainingState;
import io.adaptseg.train.data.Augmentation;
import io.adaptseg.train.data.BatchStream;
import io.adaptseg.train.data.DomainMixture;
import io.adaptseg.train.data.StreamDomain;
import io.adaptseg.train.method.SegmenterOptimization;
import io.adaptseg.train.method.SourceOnly;
import io.adaptseg.train.optim.LearningRateSchedule;
import io.adaptseg.train.testing.SyntheticSamples;
import io.adaptseg.train.testing.TinyNetworks;
import java.io.ByteArrayOutputStream;
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

/**
 * The loop over a source stream of two labelled domains: the per-domain columns are logged beside
 * each source loss, and a run stopped and resumed from its checkpoint ends with the weights of the
 * straight run (the mixed stream's state is its position alone).
 */
class MultiSourceLoopTest {
    private static final long SEED = 21;

    private static BatchStream<Integer> stream(long position) {
        return new BatchStream<>("source", List.of(
                new StreamDomain<>("source", IntStream.range(0, 5).boxed().toList(), SyntheticSamples.decoder(false)),
                new StreamDomain<>("source2", IntStream.range(50, 56).boxed().toList(), SyntheticSamples.decoder(true))),
                new DomainMixture(new double[] {0.5, 0.5}), new Augmentation(32, 16, true, 1.0, 1.0, false),
                Normalization.RGB_UNIT, 2, true, SEED, 1, 2, position);
    }

    private static SourceOnly method(NDManager m, int initSeed) {
        Engine.getInstance().setRandomSeed(initSeed);
        return new SourceOnly(TinyNetworks.twoHeads(m, 2), 0.1, SegmenterOptimization.REFERENCE, m);
    }

    private static TrainingState run(SourceOnly method, Path dir, long stopAt, TrainingState start, PrintStream log)
            throws Exception {
        var settings = new TrainingLoop.Settings(6, stopAt, 1, 3, 0, LearningRateSchedule.poly(1e-2, 6, 0.9),
                LearningRateSchedule.poly(0, 6, 0.9), "method: source-only\n", dir, SEED, DivergencePolicy.WARN);
        try (BatchStream<Integer> src = stream(start.streamPositions().getOrDefault("source", 0L))) {
            return new TrainingLoop(settings, method, src, null, null, log, new PrintStream(new ByteArrayOutputStream()), false)
                    .run(start);
        }
    }

    private static List<float[]> weights(SourceOnly method) {
        List<float[]> out = new ArrayList<>();
        for (NDArray a : Checkpoint.parameters(method.segmenter().block())) {
            out.add(a.toFloatArray());
        }
        return out;
    }

    @Test
    void perDomainColumnsAreLoggedAndResumeIsExact(@TempDir Path tmp) throws Exception {
        TrainingState fresh = new TrainingState(0, Map.of(), Double.NaN, -1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        List<float[]> straight;
        try (NDManager m = NDManager.newBaseManager(); SourceOnly a = method(m, 1)) {
            run(a, tmp.resolve("straight"), 6, fresh, log);
            straight = weights(a);
        }
        List<String> csv = Files.readAllLines(tmp.resolve("straight").resolve(MetricsLog.CSV));
        assertEquals("iteration,lr,lr_D,loss_seg1,loss_seg1_src1,loss_seg1_src2,loss_seg2,loss_seg2_src1,loss_seg2_src2,seconds",
                csv.getFirst());
        // a domain with no sample in a batch has no value (NaN) at that iteration; over 6 batches both have some
        for (int col : new int[] {4, 5, 7, 8}) {
            assertTrue(csv.subList(1, 7).stream().anyMatch(r -> Double.isFinite(Double.parseDouble(r.split(",")[col]))),
                    "column " + col + " has values: " + csv);
        }
        String first = bytes.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        assertTrue(first.matches("iter =        0/       6, loss_seg1 = \\S+( loss_seg1_src\\d = \\S+)+ loss_seg2 = \\S+"
                + "( loss_seg2_src\\d = \\S+)+ time:\\S+"), first);
        assertTrue(Files.size(tmp.resolve("straight").resolve(TrainingLoop.CURVES)) > 1000);

        Path dir = tmp.resolve("split");
        try (NDManager m = NDManager.newBaseManager(); SourceOnly a = method(m, 1)) {
            run(a, dir, 3, fresh, log);
        }
        List<float[]> resumed;
        try (NDManager m = NDManager.newBaseManager(); SourceOnly a = method(m, 2)) {
            TrainingState state = Resume.restore(Checkpoint.resolve(dir), a, dir);
            assertEquals(6L, state.streamPositions().get("source"));
            run(a, dir, 6, state, log);
            resumed = weights(a);
        }
        assertEquals(csv.stream().map(MultiSourceLoopTest::withoutTime).toList(),
                Files.readAllLines(dir.resolve(MetricsLog.CSV)).stream().map(MultiSourceLoopTest::withoutTime).toList(),
                "the stopped and resumed run logged the straight run's losses");
        for (int i = 0; i < straight.size(); i++) {
            assertArrayEquals(straight.get(i), resumed.get(i), 1e-6f, "parameter " + i);
        }
    }

    /** A metrics row without its last column, the seconds the iteration took. */
    private static String withoutTime(String row) {
        return row.substring(0, row.lastIndexOf(','));
    }
}
