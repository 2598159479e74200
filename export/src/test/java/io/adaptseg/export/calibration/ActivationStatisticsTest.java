package io.adaptseg.export.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.adaptseg.core.model.Float16Range;
import io.adaptseg.core.resample.Convention;
import io.adaptseg.export.onnx.Attributes;
import io.adaptseg.export.onnx.GraphBuilder;
import io.adaptseg.export.onnx.OnnxModels;
import io.adaptseg.export.onnx.SegmentationOutputs;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The statistics pass on a hand-built graph whose activations are known: a 1x1 convolution with every
 * weight 400 makes 3 * 100 * 400 = 120000 from an input of 100 (above float16's 65504), a Mul by 0.375
 * brings it to 45000 (within 2x), a Mul by 1e-4 to 4.5.
 */
class ActivationStatisticsTest {
    private static final int CLASSES = 3;

    /** The tensor names the builder gave: hot, warm, cool. */
    private static String[] names = new String[3];

    private static ModelProto graph() {
        GraphBuilder g = new GraphBuilder();
        String image = SegmentationOutputs.declareImage(g);
        float[] w = new float[2 * 3];
        Arrays.fill(w, 400f);
        String hot = g.node("Conv", "hot", List.of(image, g.float32("hot_weight", w, 2, 3, 1, 1)),
                Attributes.ints("kernel_shape", 1, 1));
        String warm = g.node("Mul", "warm", List.of(hot, g.float32("three_eighths", new float[] {0.375f})));
        String cool = g.node("Mul", "cool", List.of(warm, g.float32("small", new float[] {1e-4f})));
        float[] c = {1, -1, 0.5f, -0.5f, 0.25f, 0.75f};
        String logits = g.node("Conv", "classifier", List.of(cool, g.float32("classifier_weight", c, CLASSES, 2, 1, 1)),
                Attributes.ints("kernel_shape", 1, 1));
        SegmentationOutputs.append(g, image, logits, CLASSES, Convention.HALF_PIXEL);
        names = new String[] {hot, warm, cool};
        return OnnxModels.model(g.build("hot"), OnnxModels.DEFAULT_OPSET, Map.of(), "test");
    }

    private static float[] filled(float value) {
        float[] in = new float[3 * 4 * 6];
        Arrays.fill(in, value);
        return in;
    }

    @Test
    void keepsEveryFloatTensorsRangeAndNamesTheOneAboveFloat16() throws Exception {
        ModelProto model = graph();
        try (ActivationStatistics stats = new ActivationStatistics(model)) {
            stats.accept(filled(100), new long[] {1, 3, 4, 6});
            stats.accept(filled(-50), new long[] {1, 3, 4, 6});
            assertEquals(2, stats.runs());
            Map<String, TensorRange> byName = stats.ranges().stream()
                    .collect(Collectors.toMap(TensorRange::name, r -> r));
            // integer and uint8 tensors of the label head are not activations
            assertFalse(byName.containsKey(SegmentationOutputs.LABELS), byName::toString);
            assertTrue(byName.containsKey(SegmentationOutputs.LOGITS), byName::toString);
            assertEquals("input", byName.get(SegmentationOutputs.IMAGE).opType());
            TensorRange hot = byName.get(names[0]);
            assertEquals("Conv", hot.opType());
            assertEquals(120000, hot.max(), 1e-2);
            assertEquals(-60000, hot.min(), 1e-2);
            assertEquals(45000, byName.get(names[1]).maxAbs(), 1e-2);
            assertEquals(4.5, byName.get(names[2]).maxAbs(), 1e-5);

            Float16RangeReport report = Float16RangeReport.of(stats.ranges(), stats.runs());
            report.toText().forEach(System.out::println);
            assertEquals(List.of(names[0], names[1]), report.flagged().stream().map(TensorRange::name).toList());
            Float16Range summary = report.summary();
            assertEquals(new Float16Range(2, byName.size(), hot.maxAbs(), names[0], 1, 1), summary);
            assertFalse(summary.fits());
            String table = String.join("\n", report.toText());
            assertTrue(table.contains(names[0]) && table.contains("OVERFLOWS") && table.contains("within 2x"), table);
        }
    }

    @Test
    void aSmallInputLeavesEveryTensorInRange() throws Exception {
        try (ActivationStatistics stats = new ActivationStatistics(graph())) {
            stats.accept(filled(1), new long[] {1, 3, 4, 6});
            Float16RangeReport report = Float16RangeReport.of(stats.ranges(), 1);
            assertTrue(report.flagged().isEmpty(), () -> String.join("\n", report.toText()));
            assertTrue(report.summary().fits());
            assertEquals(1200, report.summary().largestAbs(), 1e-3);
        }
    }
}
