package io.adaptseg.train.method;

import io.adaptseg.train.config.FlipAverage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.adaptseg.train.data.Batch;
import io.adaptseg.train.data.DomainIds;
import io.adaptseg.train.loss.PixelCrossEntropy;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.testing.Batches;
import io.adaptseg.train.testing.TinyNetworks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every method, given a source batch that mixes two labelled domains, reports each of its supervised
 * losses on each domain's samples: the same loss computed on that domain's part of the batch.
 */
class MultiSourceMethodsTest {
    private static final int[] MIXED = {0, 1, 0};
    /** The batch of the methods' test: one sample of each domain. */
    private static final int[] ONE_EACH = {0, 1};

    private static NDArray samples(NDArray a, int... rows) {
        NDList parts = new NDList();
        for (int r : rows) {
            parts.add(a.get(new NDIndex(r + ":" + (r + 1))));
        }
        return NDArrays.concat(parts);
    }

    @Test
    void aDomainsLossIsTheLossOnItsSamplesAlone() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(3);
            NDArray logits = m.randomNormal(new Shape(3, 4, 8, 16));
            NDArray labels = m.randomInteger(0, 4, new Shape(3, 8, 16), DataType.INT32);
            // some ignored pixels, more in sample 1, so that the domains' pixel counts differ
            labels.set(new NDIndex("1, 0:5"), PixelCrossEntropy.IGNORE);
            labels.set(new NDIndex("0, 0:1"), PixelCrossEntropy.IGNORE);
            Batch batch = new Batch(m.zeros(new Shape(3, 3, 8, 16)), java.util.Optional.of(labels), 8, 16,
                    new DomainIds(MIXED, 2));
            Map<String, Double> out = new LinkedHashMap<>();
            SourceDomainLosses.put(out, "loss_seg", batch, l -> PixelCrossEntropy.compute(logits, l));
            assertEquals(List.of("loss_seg_src1", "loss_seg_src2"), List.copyOf(out.keySet()));
            double first = PixelCrossEntropy.compute(samples(logits, 0, 2), samples(labels, 0, 2)).getFloat();
            double second = PixelCrossEntropy.compute(samples(logits, 1), samples(labels, 1)).getFloat();
            assertEquals(first, out.get("loss_seg_src1"), 1e-5);
            assertEquals(second, out.get("loss_seg_src2"), 1e-5);

            Map<String, Double> onlySecond = new LinkedHashMap<>();
            Batch second2 = new Batch(batch.images(), batch.labels(), 8, 16, new DomainIds(new int[] {1, 1, 1}, 2));
            SourceDomainLosses.put(onlySecond, "loss_seg", second2, l -> PixelCrossEntropy.compute(logits, l));
            assertEquals(List.of("loss_seg_src2"), List.copyOf(onlySecond.keySet()), "a domain with no sample has no value");
            assertEquals(PixelCrossEntropy.compute(logits, labels).getFloat(), onlySecond.get("loss_seg_src2"), 1e-5);

            Map<String, Double> single = new LinkedHashMap<>();
            SourceDomainLosses.put(single, "loss_seg", new Batch(batch.images(), batch.labels()), l -> PixelCrossEntropy.compute(logits, l));
            assertTrue(single.isEmpty(), "one source domain: no per-domain columns");
        }
    }

    @Test
    void columnsFollowEachSourceLoss() {
        assertEquals(List.of("loss_seg", "loss_seg_src1", "loss_seg_src2", "loss_target"),
                SourceDomainLosses.columns(List.of("loss_seg", "loss_target"), List.of("loss_seg"), 2));
        assertEquals(List.of("loss_seg", "loss_target"),
                SourceDomainLosses.columns(List.of("loss_seg", "loss_target"), List.of("loss_seg"), 1));
    }

    /**
     * Every sample of {@link Batches#labelled} has the same number of labelled pixels, so a loss over
     * the batch is the mean of the two samples' domains' losses.
     */
    private static void assertPerDomain(AdaptationMethod method, Batch source, Batch target) {
        Batch mixed = new Batch(source.images(), source.labels(), source.outputHeight(), source.outputWidth(),
                new DomainIds(ONE_EACH, 2));
        Map<String, Double> losses = method.step(new Iteration(0, 10, 1e-4, 1e-5), mixed, target);
        assertFalse(method.sourceLossNames().isEmpty(), method.name());
        for (String name : method.sourceLossNames()) {
            double one = losses.get(SourceDomainLosses.column(name, 0));
            double two = losses.get(SourceDomainLosses.column(name, 1));
            assertTrue(one != two, method.name() + " " + name + ": the domains' samples differ, so do their losses");
            assertEquals(losses.get(name), (one + two) / 2, 1e-4 * Math.abs(losses.get(name)) + 1e-7,
                    method.name() + " " + name + ": " + losses);
        }
    }

    @Test
    void everyMethodReportsItsSourceLossesPerDomain() throws Exception {
        Engine.getInstance().setRandomSeed(11);
        try (NDManager m = NDManager.newBaseManager()) {
            Batch s = Batches.labelled(m, 2, 32, 64, 1);
            Batch t = Batches.unlabelled(m, 2, 32, 64, 2);
            try (SourceOnly method = new SourceOnly(TinyNetworks.twoHeads(m, 2), 0.1, SegmenterOptimization.REFERENCE, m)) {
                assertEquals(List.of("loss_seg1", "loss_seg2"), method.sourceLossNames());
                assertPerDomain(method, s, null);
            }
            try (AdvNet method = new AdvNet(TinyNetworks.twoHeads(m, 2),
                    AdvNetSettings.REFERENCE.withDiscriminatorWidth(TinyNetworks.DISCRIMINATOR_WIDTH), m)) {
                assertPerDomain(method, s, t);
            }
            var ms = new MaxSquareSettings(true, 0.2, true, 0.95, 0.1, 0.09, -1, false, FlipAverage.LOGITS,
                    SegmenterOptimization.REFERENCE);
            try (MaxSquareMethod method = new MaxSquareMethod(TinyNetworks.twoHeads(m, 2), ms, m)) {
                assertEquals(List.of("loss_seg", "loss_seg_2"), method.sourceLossNames());
                assertPerDomain(method, s, t);
            }
            var clan = new ClanSettings(0.001, 0.01, 40, 0.4, 2, 1, SegmenterOptimization.REFERENCE, 0.9, 0.99,
                    TinyNetworks.DISCRIMINATOR_WIDTH);
            try (Clan method = new Clan(TinyNetworks.create("deeplabv2-tiny-clan", m, 2), clan, m)) {
                assertPerDomain(method, s, t);
            }
            Segmenter previous = TinyNetworks.create("deeplabv3plus-tiny", m, 2);
            AnchorComputation computation = new AnchorComputation(previous, 10, CategoryAnchors.REFERENCE_CAP, m);
            computation.add(Batches.labelled(m, 2, 32, 64, 4));
            CagSettings cag = new CagSettings(0.95, 2.5, 0.7, 10, new SegmenterOptimization(0.9, 2e-4, 1));
            try (Cag method = new Cag(TinyNetworks.create("deeplabv3plus-tiny", m, 2), previous, computation.anchors(), cag, m)) {
                assertPerDomain(method, s, t);
            }
        }
    }
}
