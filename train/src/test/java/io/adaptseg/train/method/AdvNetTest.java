package io.adaptseg.train.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.adaptseg.train.data.Batch;
import io.adaptseg.train.loss.GanLoss;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.testing.Batches;
import io.adaptseg.train.testing.TinyNetworks;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdvNetTest {
    private static double gradientNorm(Block block) {
        double sum = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray w = p.getValue().getArray();
            if (w.hasGradient()) {
                try {
                    sum += w.getGradient().square().sum().getFloat();
                } catch (IllegalStateException e) {
                    // no backward has reached this parameter yet
                }
            }
        }
        return Math.sqrt(sum);
    }

    @Test
    void generatorStepLeavesNoGradientOnDiscriminatorsAndDiscriminatorStepNoneOnGenerator() {
        try (NDManager m = NDManager.newBaseManager()) {
            Segmenter seg = TinyNetworks.twoHeads(m, 3);
            try (AdvNet advnet = new AdvNet(seg, AdvNetSettings.REFERENCE.withDiscriminatorWidth(TinyNetworks.DISCRIMINATOR_WIDTH), m)) {
                Batch s = Batches.labelled(m, 2, 32, 64, 1);
                Batch t = Batches.unlabelled(m, 2, 32, 64, 2);
                // one full iteration first, so that every parameter has a gradient buffer
                advnet.step(new Iteration(0, 10, 1e-3, 1e-4), s, t);
                advnet.zeroGradients();

                var losses = new LinkedHashMap<String, Double>();
                AdvNet.Predictions p = advnet.generatorStep(s, t, losses);
                double gAfterG = gradientNorm(seg.block());
                assertTrue(gAfterG > 0, "G must have a gradient after the G step");
                for (Block d : advnet.discriminators()) {
                    assertEquals(0.0, gradientNorm(d), "the G step must leave no gradient on D");
                }
                advnet.discriminatorStep(p, losses);
                assertEquals(gAfterG, gradientNorm(seg.block()), 1e-9, "the D step must not change G's gradient");
                for (Block d : advnet.discriminators()) {
                    assertTrue(gradientNorm(d) > 0, "each D must have a gradient after the D step");
                }
                assertEquals(advnet.lossNames(), List.copyOf(losses.keySet()));
            }
        }
    }

    @Test
    void reportsEveryLossInReferenceOrderAndFiniteValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            Segmenter seg = TinyNetworks.twoHeads(m, 3);
            var settings = new AdvNetSettings(0.1, 0.0002, 0.001, GanLoss.LSGAN, SegmenterOptimization.REFERENCE, 0.9, 0.99,
                    TinyNetworks.DISCRIMINATOR_WIDTH);
            try (AdvNet advnet = new AdvNet(seg, settings, m)) {
                var losses = advnet.step(new Iteration(0, 10, 1e-3, 1e-4), Batches.labelled(m, 1, 32, 64, 3),
                        Batches.unlabelled(m, 1, 32, 64, 4));
                assertEquals(List.of("loss_seg1", "loss_seg2", "loss_adv1", "loss_adv2", "loss_D1", "loss_D2"), advnet.lossNames());
                assertEquals(advnet.lossNames(), List.copyOf(losses.keySet()));
                losses.values().forEach(v -> assertTrue(Double.isFinite(v), losses.toString()));
                assertEquals(List.of("G", "D1", "D2"), List.copyOf(advnet.networks().keySet()));
            }
        }
    }
}
