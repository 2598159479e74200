package io.adaptseg.train.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.model.Normalization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SegmenterVariantsTest {
    @Test
    void registryListsEveryVariantAndRejectsUnknownNames() {
        List<String> names = SegmenterRegistry.names();
        for (String n : List.of("deeplabv2-r101-multi", "deeplabv2-r101-single", "deeplabv2-r101-clan",
                "deeplabv2-r50-multi", "deeplabv2-tiny-multi", "deeplabv2-tiny-clan", "deeplabv3plus-r101",
                "deeplabv3plus-tiny")) {
            assertTrue(names.contains(n), n);
        }
        var e = assertThrows(AdaptsegException.class, () -> SegmenterRegistry.create("deeplabv2-r102-multi", 19));
        assertTrue(e.getMessage().contains("deeplabv2-r102-multi") && e.getMessage().contains("deeplabv3plus-r101"),
                e.getMessage());
        assertThrows(AdaptsegException.class, () -> SegmenterRegistry.create("deeplabv2-tiny-multi", 0));
    }

    /** Every registered variant: output names, shapes and stride at the reference input size, from shapes alone. */
    @Test
    void everyVariantHasTheDocumentedOutputsAndStride() throws Exception {
        Shape input = new Shape(2, 3, 512, 1024);
        for (String name : SegmenterRegistry.names()) {
            Segmenter s = SegmenterRegistry.create(name, 19);
            Map<String, Shape> shapes = s.outputShapes(input);
            assertEquals(s.outputs(), List.copyOf(shapes.keySet()), name);
            if (s.family() == Family.DEEPLAB_V2) {
                assertEquals(8, s.outputStride());
                assertEquals(Normalization.DEEPLAB_V2_CAFFE, s.normalization());
                for (String head : s.heads()) {
                    assertEquals(new Shape(2, 19, 65, 129), shapes.get(head), name + " " + head);
                }
            } else {
                assertEquals(4, s.outputStride());
                assertEquals(Normalization.RGB_UNIT, s.normalization());
                assertEquals(new Shape(2, 19, 128, 256), shapes.get("main"), name);
                long featureDim = name.endsWith("tiny") ? 32 : 256;
                assertEquals(new Shape(2, featureDim, 128, 256), shapes.get(Segmenter.FEATURES), name);
            }
        }
        assertEquals(List.of("aux", "main"), SegmenterRegistry.create("deeplabv2-r50-multi", 19).heads());
        assertEquals(List.of("main"), SegmenterRegistry.create("deeplabv2-r50-single", 19).heads());
        assertEquals(List.of("c1", "c2"), SegmenterRegistry.create("deeplabv2-r50-clan", 19).evaluationHeads());
    }

    @ParameterizedTest
    @ValueSource(strings = {"deeplabv2-tiny-single", "deeplabv2-tiny-multi", "deeplabv2-tiny-clan", "deeplabv3plus-tiny"})
    void tinyForwardMatchesShapesIsDeterministicAndNamesItsOutputs(String name) throws Exception {
        Engine.getInstance().setRandomSeed(7);
        Segmenter s = SegmenterRegistry.create(name, 5);
        try (NDManager m = NDManager.newBaseManager()) {
            s.initialize(m);
            Shape input = new Shape(2, 3, 61, 97);
            NDArray x = m.randomNormal(input);
            var ps = new ParameterStore(m, false);
            NDList a = s.forward(ps, x, false);
            NDList b = s.forward(ps, x, false);
            Map<String, Shape> expected = s.outputShapes(input);
            for (int i = 0; i < a.size(); i++) {
                String out = s.outputs().get(i);
                assertEquals(out, a.get(i).getName());
                assertEquals(expected.get(out), a.get(i).getShape(), out);
                assertArrayEquals(a.get(i).toFloatArray(), b.get(i).toFloatArray(), out + " differs between runs");
            }
            NDArray eval = s.evaluationLogits(a);
            NDArray want = s.evaluationHeads().size() == 2 ? s.logits(a, "c1").add(s.logits(a, "c2"))
                    : s.logits(a, "main");
            assertArrayEquals(want.toFloatArray(), eval.toFloatArray());
            assertEquals(s.family() == Family.DEEPLAB_V3PLUS, s.features(a).isPresent());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"deeplabv2-tiny-multi", "deeplabv2-tiny-clan", "deeplabv3plus-tiny"})
    void gradientsReachEveryTrainableParameterAndNoFrozenOne(String name) throws Exception {
        Engine.getInstance().setRandomSeed(11);
        Segmenter s = SegmenterRegistry.create(name, 5);
        try (NDManager m = NDManager.newBaseManager()) {
            s.initialize(m);
            float[] meanBefore = s.parameters().get("layer1.0.bn1.running_mean").getArray().toFloatArray();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList out = s.forward(new ParameterStore(m, false), m.randomNormal(new Shape(2, 3, 48, 64)), true);
                NDArray loss = null;
                for (NDArray o : out) {
                    NDArray term = o.square().mean();
                    loss = loss == null ? term : loss.add(term);
                }
                gc.backward(loss);
            }
            int frozen = 0;
            for (var e : s.parameters().entrySet()) {
                Parameter p = e.getValue();
                boolean running = ParameterNames.isRunningStatistic(p);
                if (running || s.isFrozen(e.getKey())) {
                    frozen += running ? 0 : 1;
                    assertFalse(p.getArray().hasGradient() && p.getArray().getGradient().abs().sum().getFloat() > 0,
                            e.getKey() + " is frozen but got a gradient");
                } else {
                    assertTrue(p.getArray().getGradient().abs().sum().getFloat() > 0, e.getKey() + " got no gradient");
                }
            }
            assertEquals(s.family() == Family.DEEPLAB_V2, frozen > 0, "frozen BN affine of " + name);
            assertFalse(java.util.Arrays.equals(meanBefore,
                    s.parameters().get("layer1.0.bn1.running_mean").getArray().toFloatArray()),
                    "a training-mode forward updates the running statistics");
        }
    }

    @Test
    void parameterGroupsSplitClassifierBackboneAndFrozen() throws Exception {
        Segmenter s = SegmenterRegistry.create("deeplabv2-tiny-multi", 5);
        Map<String, Parameter> all = s.parameters();
        assertTrue(s.isClassifier("layer5.conv2d_list.0.weight") && s.isClassifier("layer6.conv2d_list.3.bias"));
        assertFalse(s.isClassifier("layer4.0.conv1.weight"));
        assertTrue(s.isFrozen("bn1.weight") && s.isFrozen("layer3.0.downsample.1.bias"));
        assertFalse(s.isFrozen("layer3.0.downsample.0.weight"));
        assertEquals(16, s.classifierParameters().size());
        long convs = all.keySet().stream().filter(n -> n.endsWith("weight") && !s.isFrozen(n) && !s.isClassifier(n)).count();
        assertEquals(convs, s.backboneParameters().size());
        assertEquals(8, s.headParameters("aux").size());
        assertTrue(s.headParameters("main").keySet().stream().allMatch(n -> n.startsWith("layer6.")));

        s.setTrainable(false);
        assertTrue(s.trainableParameters().values().stream().noneMatch(Parameter::requiresGradient));
        s.setTrainable(true);
        assertTrue(s.trainableParameters().values().stream().allMatch(Parameter::requiresGradient));
        assertFalse(all.get("bn1.weight").requiresGradient(), "unfreezing keeps the BN affine frozen");

        var byDjlName = s.isClassifierByDjlName();
        long djlClassifiers = s.block().getParameters().keys().stream().filter(byDjlName).count();
        assertEquals(4L * 2 * 2, djlClassifiers, "weight and bias of 4 convs in 2 heads");
        assertTrue(s.block().getParameters().keys().stream().filter(byDjlName).allMatch(k -> k.contains("layer5")
                || k.contains("layer6")));

        SegmenterOptions v2 = SegmenterOptions.defaults(Family.DEEPLAB_V2);
        Segmenter free = SegmenterRegistry.create("deeplabv2-tiny-multi", 5, v2.withFreezeBatchNormAffine(false));
        assertTrue(free.frozenParameters().isEmpty());
        // MaxSquare: only the stem's bn1 frozen; bottleneck and downsample BN affine are trained
        Segmenter stem = SegmenterRegistry.create("deeplabv2-tiny-multi", 5, v2.withBatchNormAffine(BatchNormAffine.STEM_FROZEN));
        assertEquals(java.util.Set.of("bn1.weight", "bn1.bias"), stem.frozenParameters());
        assertTrue(stem.trainableParameters().containsKey("layer1.0.bn1.weight")
                && stem.trainableParameters().containsKey("layer3.0.downsample.1.bias"), "bottleneck BN trained");
        assertTrue(s.frozenParameters().contains("layer1.0.bn1.weight"), "AdaptSegNet/CLAN freeze every BN affine");
        Segmenter v3 = SegmenterRegistry.create("deeplabv3plus-tiny", 5);
        assertTrue(v3.isClassifier("aspp.branches.4.conv.weight") && v3.isClassifier("decoder.classifier.bias"));
        assertEquals(List.of("decoder.classifier.weight", "decoder.classifier.bias"),
                List.copyOf(v3.headParameters("main").keySet()));
    }
}
