package io.adaptseg.train.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.adaptseg.train.config.FlipAverage;
import io.adaptseg.train.data.Batch;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.testing.Batches;
import io.adaptseg.train.testing.TinyNetworks;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CLAN, MaxSquare and CAG on the tiny registry networks: iterations run, the options do what they say. */
class MethodsTest {
    private static final ClanSettings CLAN = new ClanSettings(0.001, 0.01, 40, 0.4, 2, 1, SegmenterOptimization.REFERENCE,
            0.9, 0.99, TinyNetworks.DISCRIMINATOR_WIDTH);

    @Test
    void clanRunsPreheatAndWeightedIterationsAndEvaluatesTheSumOfHeads() {
        try (NDManager m = NDManager.newBaseManager()) {
            Segmenter seg = TinyNetworks.create("deeplabv2-tiny-clan", m, 3);
            try (Clan clan = new Clan(seg, CLAN, m)) {
                Batch s = Batches.labelled(m, 1, 32, 64, 1);
                Batch t = Batches.unlabelled(m, 1, 32, 64, 2);
                NDArray dBefore = clan.discriminator().getParameters().get(0).getValue().getArray().duplicate();
                for (int it = 0; it < 3; it++) { // it 0, 1: preheat (plain BCE); it 2: weighted
                    var losses = clan.step(new Iteration(it, 10, 1e-3, 1e-4), s, t);
                    assertEquals(clan.lossNames(), List.copyOf(losses.keySet()));
                    losses.values().forEach(v -> assertTrue(Double.isFinite(v), losses.toString()));
                    assertTrue(losses.get("loss_weight") > 0, losses.toString());
                }
                assertNotEquals(dBefore.sum().getFloat(),
                        clan.discriminator().getParameters().get(0).getValue().getArray().sum().getFloat());
                NDList out = seg.forward(new ParameterStore(m, false), s.images(), false);
                NDArray sum = seg.logits(out, "c1").add(seg.logits(out, "c2"));
                assertArrayEquals(sum.toFloatArray(), clan.evaluationLogits(s.images()).toFloatArray(), 1e-5f);
            }
            var e = assertThrows(IllegalArgumentException.class,
                    () -> new Clan(TinyNetworks.create("deeplabv2-tiny-single", m, 3), CLAN, m));
            assertTrue(e.getMessage().contains("-clan"), e.getMessage());
        }
    }

    @Test
    void maxSquareMultiReportsGuidanceAndTargetSoloNeedsNoSourceLabels() {
        try (NDManager m = NDManager.newBaseManager()) {
            Segmenter seg = TinyNetworks.twoHeads(m, 3);
            var settings = new MaxSquareSettings(true, 0.2, true, 0.95, 0.1, 0.09, 2, true, FlipAverage.LOGITS,
                    SegmenterOptimization.REFERENCE);
            try (MaxSquareMethod ms = new MaxSquareMethod(seg, settings, m)) {
                Batch s = Batches.labelled(m, 1, 32, 64, 1);
                Batch t = Batches.unlabelled(m, 1, 32, 64, 2);
                var losses = ms.step(new Iteration(0, 10, 1e-3, 0), s, t);
                assertEquals(List.of("loss_seg", "loss_seg_2", "loss_target", "loss_target_2"), List.copyOf(losses.keySet()));
                assertTrue(losses.get("loss_seg") > 0 && losses.get("loss_target") < 0, losses.toString());
                // from iteration 2 on: target loss only, so an unlabelled "source" batch is fine
                Batch unlabelled = new Batch(s.images(), Optional.empty());
                var solo = ms.step(new Iteration(2, 10, 1e-3, 0), unlabelled, t);
                assertEquals(0.0, solo.get("loss_seg"));
                assertTrue(solo.get("loss_target") < 0);
                assertThrows(IllegalStateException.class, () -> ms.step(new Iteration(1, 10, 1e-3, 0), unlabelled, t));
                // flip evaluation averages the logits of the image and of its mirror
                NDArray plain = seg.evaluationLogits(seg.forward(new ParameterStore(m, false), s.images(), false));
                NDArray mirror = seg.evaluationLogits(seg.forward(new ParameterStore(m, false), s.images().flip(3), false));
                assertArrayEquals(plain.add(mirror.flip(3)).div(2).toFloatArray(), ms.evaluationLogits(s.images()).toFloatArray(),
                        1e-5f);
            }
        }
    }

    @Test
    void cagComputesAnchorsThenTrainsWithBothPseudoLabels(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Segmenter previous = TinyNetworks.create("deeplabv3plus-tiny", m, 2);
            AnchorComputation computation = new AnchorComputation(previous, 10, CategoryAnchors.REFERENCE_CAP, m);
            int centroids = 0;
            for (int i = 0; i < 3; i++) {
                centroids += computation.add(Batches.labelled(m, 2, 32, 64, i));
            }
            CategoryAnchors anchors = computation.anchors();
            assertEquals(2, anchors.numClasses());
            assertTrue(centroids > 0, "the untrained network agrees with the labels on some pixels");
            long updates = anchors.count(0) + anchors.count(1);
            assertEquals(centroids, updates);
            anchors.save(dir.resolve("anchors.npz"));

            Segmenter student = TinyNetworks.create("deeplabv3plus-tiny", m, 2);
            CagSettings settings = new CagSettings(0.95, 0.0, 0.7, 10, new SegmenterOptimization(0.9, 2e-4, 1));
            try (Cag cag = new Cag(student, previous, CategoryAnchors.load(dir.resolve("anchors.npz")), settings, m)) {
                Batch t = Batches.unlabelled(m, 2, 32, 64, 9);
                Cag.PseudoLabelMaps maps = cag.pseudoLabels(t.images());
                assertEquals(new Shape(2, 8, 16), maps.anchored().getShape()); // stride 4
                var losses = cag.step(new Iteration(0, 10, 1e-3, 0), Batches.labelled(m, 2, 32, 64, 5), t);
                assertEquals(List.of("loss_seg", "loss_pseudo", "loss_anchor"), List.copyOf(losses.keySet()));
                losses.values().forEach(v -> assertTrue(Double.isFinite(v) && v >= 0, losses.toString()));
                assertTrue(losses.get("loss_pseudo") > 0, "with deltaD 0 every pixel with an anchor is labelled");
            }
            var e = assertThrows(IllegalArgumentException.class, () -> new Cag(TinyNetworks.twoHeads(m, 2), previous,
                    anchors, settings, m));
            assertTrue(e.getMessage().contains("features"), e.getMessage());
        }
    }
}
