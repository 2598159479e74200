package io.adaptseg.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.adaptseg.core.model.Normalization;
import io.adaptseg.train.testing.SyntheticSamples;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A labelled stream over two source domains: the per-sample draw honours the weights, domain 0 keeps
 * the single-source order, every batch says where its samples came from, and a stream opened at a
 * position gives exactly the batches the uninterrupted stream gives there.
 */
class MultiSourceStreamTest {
    private static final long SEED = 5;
    private static final int DRAWS = 20_000;
    /** Domain 1's samples are numbered from 100, so that a sample's number tells its domain. */
    private static final List<Integer> FIRST = IntStream.range(0, 5).boxed().toList();
    private static final List<Integer> SECOND = IntStream.range(100, 107).boxed().toList();

    private static long[] counts(DomainMixture m, long seed) {
        long[] c = new long[m.domains()];
        for (long p = 0; p < DRAWS; p++) {
            c[m.domainAt(seed, p)]++;
        }
        return c;
    }

    @Test
    void theDrawHonoursTheWeights() {
        assertArrayEquals(new long[] {DRAWS, 0}, counts(new DomainMixture(new double[] {1, 0}), SEED), "[1, 0] never draws domain 2");
        assertArrayEquals(new long[] {0, DRAWS}, counts(new DomainMixture(new double[] {0, 2}), SEED), "[0, 2] only domain 2");
        long[] half = counts(new DomainMixture(new double[] {0.5, 0.5}), SEED);
        // binomial(20000, 0.5): sd 71, so 400 is more than 5 sd
        assertTrue(Math.abs(half[0] - DRAWS / 2) < 400, "[0.5, 0.5] drew " + half[0] + " and " + half[1]);
        long[] skewed = counts(new DomainMixture(new double[] {3, 1}), SEED);
        assertTrue(Math.abs(skewed[1] - DRAWS / 4) < 350, "[3, 1] drew " + skewed[0] + " and " + skewed[1]);
        assertEquals(0.75, new DomainMixture(new double[] {3, 1}).share(0), 1e-12);
        // the draw is a function of (seed, position): the same seed draws the same, another seed differently
        DomainMixture m = DomainMixture.equal(2);
        assertArrayEquals(IntStream.range(0, 50).map(p -> m.domainAt(SEED, p)).toArray(),
                IntStream.range(0, 50).map(p -> m.domainAt(SEED, p)).toArray());
        assertTrue(IntStream.range(0, 50).anyMatch(p -> m.domainAt(SEED, p) != m.domainAt(SEED + 1, p)));
        assertArrayEquals(counts(m, SEED), m.countsBefore(SEED, DRAWS));
    }

    @Test
    void badWeightsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DomainMixture(new double[] {}));
        assertThrows(IllegalArgumentException.class, () -> new DomainMixture(new double[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> new DomainMixture(new double[] {1, -0.1}));
        assertThrows(IllegalArgumentException.class, () -> new DomainMixture(new double[] {1, Double.NaN}));
    }

    private static BatchStream<Integer> stream(double[] weights, long position) {
        return new BatchStream<>("source", List.of(new StreamDomain<>("source", FIRST, SyntheticSamples.decoder(false)),
                new StreamDomain<>("source2", SECOND, SyntheticSamples.decoder(true))), new DomainMixture(weights),
                new Augmentation(64, 32, true, 0.8, 1.2, false), Normalization.RGB_UNIT, 3, true, SEED, 2, 2, position);
    }

    private static BatchStream<Integer> single(long position) {
        return new BatchStream<>("source", FIRST, SyntheticSamples.decoder(false), new Augmentation(64, 32, true, 0.8, 1.2, false),
                Normalization.RGB_UNIT, 3, true, SEED, 2, 2, position);
    }

    @Test
    void aZeroWeightSecondDomainLeavesTheSourceStreamAsItWas() throws Exception {
        try (NDManager m = NDManager.newBaseManager(); BatchStream<Integer> mixed = stream(new double[] {1, 0}, 0);
                BatchStream<Integer> alone = single(0)) {
            assertEquals(2, mixed.domainCount());
            for (int b = 0; b < 6; b++) {
                Batch x = mixed.next(m);
                Batch y = alone.next(m);
                assertArrayEquals(new int[3], x.domains().ofSample());
                assertArrayEquals(y.images().toFloatArray(), x.images().toFloatArray(), "batch " + b);
                assertArrayEquals(y.requireLabels().toIntArray(), x.requireLabels().toIntArray(), "batch " + b);
            }
        }
    }

    @Test
    void batchesMixDomainsAsDrawnAndSayWhichIsWhich() throws Exception {
        DomainMixture mixture = DomainMixture.equal(2);
        long[] seen = new long[2];
        try (NDManager m = NDManager.newBaseManager(); BatchStream<Integer> s = stream(new double[] {1, 1}, 0)) {
            for (int b = 0; b < 20; b++) {
                try (NDManager step = m.newSubManager()) {
                    Batch batch = s.next(step);
                    for (int i = 0; i < 3; i++) {
                        int d = batch.domains().of(i);
                        assertEquals(mixture.domainAt(SEED, 3L * b + i), d, "batch " + b + " sample " + i);
                        seen[d]++;
                    }
                }
            }
        }
        assertTrue(seen[0] > 10 && seen[1] > 10, "both domains drawn: " + seen[0] + ", " + seen[1]);
    }

    @Test
    void aStreamOpenedAtAPositionContinuesExactly() throws Exception {
        double[] w = {0.6, 0.4};
        try (NDManager m = NDManager.newBaseManager(); BatchStream<Integer> straight = stream(w, 0)) {
            // 8 batches of 3 = 24 positions: several epochs of both domains (5 and 7 samples)
            for (int b = 0; b < 8; b++) {
                straight.next(m);
            }
            try (BatchStream<Integer> resumed = stream(w, straight.position())) {
                for (int b = 0; b < 6; b++) {
                    Batch x = straight.next(m);
                    Batch y = resumed.next(m);
                    assertEquals(x.domains(), y.domains(), "batch " + b);
                    assertArrayEquals(x.images().toFloatArray(), y.images().toFloatArray(), "batch " + b);
                    assertArrayEquals(x.requireLabels().toIntArray(), y.requireLabels().toIntArray(), "batch " + b);
                }
            }
        }
    }

    @Test
    void eachDomainGoesThroughAllItsSamplesEveryEpoch() {
        try (BatchStream<Integer> s = stream(new double[] {1, 1}, 0)) {
            for (int k = 0; k < 2; k++) {
                int n = k == 0 ? FIRST.size() : SECOND.size();
                for (int epoch = 0; epoch < 3; epoch++) {
                    int[] order = new int[n];
                    for (int q = 0; q < n; q++) {
                        order[q] = s.indexAt(k, (long) epoch * n + q);
                    }
                    assertArrayEquals(IntStream.range(0, n).toArray(), java.util.Arrays.stream(order).sorted().toArray(),
                            "domain " + k + " epoch " + epoch + ": " + java.util.Arrays.toString(order));
                }
            }
        }
    }
}
