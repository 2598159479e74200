package io.adaptseg.export.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.resample.Convention;
import io.adaptseg.core.resample.Resampler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxGraphTest {
    private static float[] input(int n) {
        return ToyGraphs.gaussian(new Random(3), n, 1f);
    }

    @Test
    void toyModelRunsWithDynamicBatchAndSizeAndLabelsAreArgmaxOfUpsampledLogits() throws Exception {
        ModelProto model = ToyGraphs.model();
        for (long[] shape : List.of(new long[] {2, 3, 12, 20}, new long[] {1, 3, 7, 9})) {
            int n = (int) (shape[0] * 3 * shape[2] * shape[3]);
            ToyGraphs.Outputs out = ToyGraphs.run(model, input(n), shape);
            long h = (shape[2] + 1) / 2;
            long w = (shape[3] + 1) / 2;
            assertArrayEquals(new long[] {shape[0], ToyGraphs.CLASSES, h, w}, out.logitsShape());
            assertArrayEquals(new long[] {shape[0], shape[2], shape[3]}, out.labelsShape());
            // where the upsampled pixel falls exactly on a logit centre (odd scale) the argmax is the
            // logit argmax: with stride 2 and half_pixel, output pixel (2i+0.5) sits between two inputs,
            // so check a coarse property instead: every label is a valid class
            for (byte b : out.labels()) {
                assertTrue(b >= 0 && b < ToyGraphs.CLASSES);
            }
        }
    }

    @Test
    void theLabelHeadUpsamplesInTheModelsConventionAsTheSharedResamplerDoes() throws Exception {
        long[] shape = {1, 3, 21, 29};
        int[][] labels = new int[2][];
        for (Convention convention : Convention.values()) {
            ToyGraphs.Outputs out = ToyGraphs.run(ToyGraphs.model(ToyGraphs.builder(3, convention).build("toy")),
                    input(3 * 21 * 29), shape);
            int[] java = Resampler.resizeArgmax(out.logits(), 0, ToyGraphs.CLASSES, (int) out.logitsShape()[2],
                    (int) out.logitsShape()[3], 21, 29, convention);
            int agree = 0;
            for (int i = 0; i < java.length; i++) {
                agree += out.labels()[i] == java[i] ? 1 : 0;
            }
            assertTrue(agree >= java.length - 2, convention + ": graph and Resampler agree on " + agree + "/" + java.length);
            labels[convention.ordinal()] = java;
        }
        // the attribute matters: at stride 2 the two conventions put some boundaries on other pixels
        assertFalse(java.util.Arrays.equals(labels[0], labels[1]), "half-pixel and align-corners labels are identical");
    }

    @Test
    void labelsMatchAJavaBilinearUpsampleOfTheLogits() throws Exception {
        long[] shape = {2, 3, 10, 14};
        ToyGraphs.Outputs out = ToyGraphs.run(ToyGraphs.model(), input(2 * 3 * 10 * 14), shape);
        int h = (int) out.logitsShape()[2];
        int w = (int) out.logitsShape()[3];
        int agree = 0;
        int total = 0;
        for (int b = 0; b < 2; b++) {
            for (int y = 0; y < 10; y++) {
                for (int x = 0; x < 14; x++) {
                    int best = 0;
                    double bestValue = Double.NEGATIVE_INFINITY;
                    for (int c = 0; c < ToyGraphs.CLASSES; c++) {
                        double v = bilinear(out.logits(), ((b * ToyGraphs.CLASSES) + c) * h * w, h, w,
                                (y + 0.5) * h / 10 - 0.5, (x + 0.5) * w / 14 - 0.5);
                        if (v > bestValue) {
                            bestValue = v;
                            best = c;
                        }
                    }
                    agree += out.labels()[(b * 10 + y) * 14 + x] == best ? 1 : 0;
                    total++;
                }
            }
        }
        assertEquals(total, agree);
    }

    private static double bilinear(float[] data, int offset, int h, int w, double sy, double sx) {
        sy = Math.max(sy, 0);
        sx = Math.max(sx, 0);
        int y0 = Math.min((int) sy, h - 1);
        int x0 = Math.min((int) sx, w - 1);
        int y1 = Math.min(y0 + 1, h - 1);
        int x1 = Math.min(x0 + 1, w - 1);
        double fy = sy - y0;
        double fx = sx - x0;
        return (1 - fy) * ((1 - fx) * data[offset + y0 * w + x0] + fx * data[offset + y0 * w + x1])
                + fy * ((1 - fx) * data[offset + y1 * w + x0] + fx * data[offset + y1 * w + x1]);
    }

    @Test
    void foldingRemovesBatchNormAndKeepsTheOutputs() throws Exception {
        ModelProto model = ToyGraphs.model();
        GraphProto folded = BatchNormFolding.fold(model.getGraph());
        assertEquals(1, Graphs.count(model.getGraph(), "BatchNormalization"));
        assertEquals(0, Graphs.count(folded, "BatchNormalization"));
        assertTrue(ModelChecker.structuralProblems(folded).isEmpty());
        assertTrue(folded.getInitializerList().stream().noneMatch(t -> t.getName().startsWith("bn1_")),
                "BN initializers are dropped");
        long[] shape = {2, 3, 16, 12};
        float[] in = input(2 * 3 * 16 * 12);
        ToyGraphs.Outputs a = ToyGraphs.run(model, in, shape);
        ToyGraphs.Outputs b = ToyGraphs.run(ToyGraphs.model(folded), in, shape);
        assertEquals(0.0, maxAbsDiff(a.logits(), b.logits()), 1e-4);
    }

    @Test
    void float16KeepsFloat32InterfaceAndStaysClose() throws Exception {
        ModelProto model = ToyGraphs.model();
        GraphProto half = Float16Conversion.convert(model.getGraph(), List.of(SegmentationOutputs.LOGITS));
        assertTrue(ModelChecker.structuralProblems(half).isEmpty(), ModelChecker.structuralProblems(half)::toString);
        assertTrue(half.getInitializerList().stream().filter(t -> t.getName().contains("weight"))
                .allMatch(t -> t.getDataType() == TensorProto.DataType.FLOAT16_VALUE));
        // image in and logits out, plus the unfolded bn1 kept float32 between two casts
        assertEquals(4, Graphs.count(half, "Cast") - Graphs.count(model.getGraph(), "Cast"));
        ModelProto halfModel = ToyGraphs.model(half);
        ModelChecker.check("fp16 toy", halfModel, halfModel.toByteArray(), new long[] {2, 3, 16, 12});
        long[] shape = {2, 3, 16, 12};
        float[] in = input(2 * 3 * 16 * 12);
        double diff = maxAbsDiff(ToyGraphs.run(model, in, shape).logits(), ToyGraphs.run(halfModel, in, shape).logits());
        assertTrue(diff > 0 && diff < 0.05, "fp16 differs by " + diff);
    }

    @Test
    void checkerAcceptsTheToyModelAndReportsProbeShapes() throws Exception {
        ModelProto model = ToyGraphs.model();
        Map<String, long[]> shapes = ModelChecker.check("toy", model, model.toByteArray(), new long[] {2, 3, 16, 24});
        assertArrayEquals(new long[] {2, ToyGraphs.CLASSES, 8, 12}, shapes.get("logits"));
        assertArrayEquals(new long[] {2, 16, 24}, shapes.get("labels"));
    }

    @Test
    void checkerNamesAnInputThatNothingProducesAndDuplicateNames() {
        GraphProto graph = ToyGraphs.model().getGraph();
        NodeProto relu = graph.getNodeList().stream().filter(n -> n.getOpType().equals("Relu")).findFirst().orElseThrow();
        int index = graph.getNodeList().indexOf(relu);
        GraphProto broken = graph.toBuilder().setNode(index, relu.toBuilder().setInput(0, "ghost")).build();
        List<String> problems = ModelChecker.structuralProblems(broken);
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.getFirst().contains("'ghost'"), problems::toString);

        GraphProto duplicated = graph.toBuilder().addNode(relu).build();
        assertTrue(ModelChecker.structuralProblems(duplicated).stream().anyMatch(p -> p.contains("used twice")));
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> ModelChecker.check("broken.onnx",
                ToyGraphs.model(broken), ToyGraphs.model(broken).toByteArray(), new long[] {1, 3, 8, 8}));
        assertTrue(e.getMessage().startsWith("broken.onnx: malformed ONNX graph"), e.getMessage());
    }

    @Test
    void checkerRejectsAWrongDeclaredClassCount() {
        GraphBuilder g = ToyGraphs.builder(1);
        GraphProto graph = g.build("toy");
        // declare 7 classes for a 5-class network
        GraphProto wrong = graph.toBuilder().setOutput(0, GraphBuilder.valueInfo("logits",
                TensorProto.DataType.FLOAT, "N", 7, "h", "w")).build();
        ModelProto model = ToyGraphs.model(wrong);
        AdaptsegException e = assertThrows(AdaptsegException.class,
                () -> ModelChecker.check("wrong.onnx", model, model.toByteArray(), new long[] {2, 3, 8, 8}));
        assertTrue(e.getMessage().contains("dim 1 is 5, declared 7"), e.getMessage());
    }

    @Test
    void builderRefusesUnknownInputsAndTakenNames() {
        GraphBuilder g = new GraphBuilder();
        SegmentationOutputs.declareImage(g);
        assertThrows(IllegalArgumentException.class, () -> g.node("Relu", "r", List.of("nope")));
        assertThrows(IllegalArgumentException.class, () -> g.input("image", TensorProto.DataType.FLOAT, 1));
        assertEquals("w", g.float32("w", new float[] {1}, 1));
        assertEquals("w_1", g.float32("w", new float[] {1}, 1));
    }

    @Test
    void modelsRoundTripThroughFilesAndOpsetIsChecked(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("toy.onnx");
        OnnxModels.write(ToyGraphs.model(), file);
        ModelProto back = OnnxModels.read(file);
        assertEquals(17, OnnxModels.opset(back));
        assertEquals(8, back.getIrVersion());
        assertEquals("1", OnnxModels.metadata(back).get("adaptseg.format_version"));
        assertThrows(IllegalArgumentException.class, () -> OnnxModels.checkOpset(12));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void readingANonOnnxFileSaysSo(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("notes.onnx");
        Files.writeString(text, "this is not a model\n");
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> OnnxModels.read(text));
        assertTrue(e.getMessage().startsWith(text + ": not an ONNX model"), e.getMessage());
        AdaptsegException missing = assertThrows(AdaptsegException.class, () -> OnnxModels.read(dir.resolve("x.onnx")));
        assertTrue(missing.getMessage().endsWith("no such file"), missing.getMessage());
    }

    @Test
    void opset13ModelsLoadToo() throws Exception {
        ModelProto model = OnnxModels.model(ToyGraphs.builder(2).build("toy"), 13, Map.of(), "test");
        assertEquals(7, model.getIrVersion());
        ModelChecker.check("opset13", model, model.toByteArray(), new long[] {1, 3, 9, 11});
    }

    static double maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
