package io.adaptseg.export.int8;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.model.Int8Calibration;
import io.adaptseg.core.model.ModelMetadata;
import io.adaptseg.export.calibration.AbsHistogram;
import io.adaptseg.export.calibration.ActivationRange;
import io.adaptseg.export.calibration.ActivationStatistics;
import io.adaptseg.export.calibration.CalibrationImages;
import io.adaptseg.export.calibration.CalibrationMethod;
import io.adaptseg.export.calibration.TensorRange;
import io.adaptseg.export.calibration.Thresholds;
import io.adaptseg.export.onnx.SegmentationOutputs;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The int8 pass: plans which tensors and convolutions of a float32 model (batch norms folded) are
 * quantised ({@link QdqPlan}), measures those activations on the calibration images with the shared
 * activation-statistics pass, chooses each range by the calibration method, and rewrites the graph in
 * QDQ form ({@link QdqRewriter}).
 */
public final class Int8Quantization {
    private Int8Quantization() {
    }

    /** The quantised graph and what the metadata records about it. */
    public record Result(GraphProto graph, Int8Calibration calibration, Map<String, ActivationRange> ranges) {
    }

    /**
     * Quantises {@code float32}, a model following the contract (input {@code image}, output {@code logits}).
     *
     * @param progress one line per calibration image
     * @throws AdaptsegException naming the image that cannot be read, a tensor that took NaN or
     *     infinite values, or when ONNX Runtime fails
     */
    public static Result quantize(ModelProto float32, ModelMetadata metadata, Int8Options options,
                                  Consumer<String> progress) throws AdaptsegException {
        QdqPlan plan = QdqPlan.of(float32.getGraph(), SegmentationOutputs.LOGITS, options.keepClassifierFloat());
        CalibrationImages images = options.images();
        progress.accept(String.format(Locale.ROOT, "int8: %d convolutions in int8, %d kept float32; calibrating %d"
                        + " activations (%s) on %d images from %s", plan.int8Convs().size(), plan.floatConvs().size(),
                plan.calibrated().size(), options.method().id(), images.files().size(), images.root()));
        long[] shape = {1, 3, metadata.inputHeight(), metadata.inputWidth()};
        Map<String, ActivationRange> ranges = new LinkedHashMap<>();
        int runs;
        try (ActivationStatistics stats = new ActivationStatistics(float32, plan.calibrated(),
                options.method().needsHistogram() ? Thresholds.BINS : 0)) {
            int i = 0;
            for (Path file : images.files()) {
                progress.accept(String.format(Locale.ROOT, "int8: calibration image %d/%d %s", ++i,
                        images.files().size(), file));
                stats.accept(CalibrationImages.prepare(file, metadata), shape);
            }
            runs = stats.runs();
            for (TensorRange seen : stats.ranges()) {
                AbsHistogram histogram = stats.histogram(seen.name()).orElse(null);
                try {
                    ranges.put(seen.name(), ActivationRange.choose(seen, histogram, options.method(),
                            options.percentile(), options.unsignedActivations()));
                } catch (IllegalArgumentException e) {
                    throw new AdaptsegException("int8 calibration: " + e.getMessage(), e);
                }
            }
        }
        Map<String, QuantParams> params = new LinkedHashMap<>();
        ranges.forEach((name, r) -> params.put(name, QuantParams.forRange(r, options.unsignedActivations())));
        GraphProto graph = QdqRewriter.rewrite(float32.getGraph(), plan, params);
        Int8Calibration calibration = new Int8Calibration(options.method().id(), runs,
                options.method() == CalibrationMethod.PERCENTILE ? options.percentile() : Double.NaN,
                options.activations(), plan.int8Convs().size(), plan.floatConvs().size());
        return new Result(graph, calibration, ranges);
    }
}
