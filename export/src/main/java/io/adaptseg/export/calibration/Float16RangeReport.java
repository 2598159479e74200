package io.adaptseg.export.calibration;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.model.Float16Range;
import io.adaptseg.core.model.ModelMetadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Which activations of a float32 model would not fit float16 on a device that computes in it: every
 * tensor whose largest |x| over the calibration images exceeds {@link Float16Range#FLOAT16_MAX} (it
 * becomes inf) or comes within 2x of it (one brighter image away), with the op that produces it.
 *
 * @param ranges every tensor's range, in graph order
 * @param flagged the tensors at or above half of float16's largest value, largest first
 * @param summary the figures the model's metadata carries
 */
public record Float16RangeReport(List<TensorRange> ranges, List<TensorRange> flagged, Float16Range summary) {
    /** Within 2x of float16's largest value. */
    public static final double NEAR = Float16Range.FLOAT16_MAX / 2;

    public Float16RangeReport {
        ranges = List.copyOf(ranges);
        flagged = List.copyOf(flagged);
    }

    /** The report on ranges measured over {@code images} inputs. */
    public static Float16RangeReport of(List<TensorRange> ranges, int images) {
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("no tensors were measured");
        }
        List<TensorRange> flagged = ranges.stream().filter(r -> r.maxAbs() >= NEAR)
                .sorted(Comparator.comparingDouble(TensorRange::maxAbs).reversed()).toList();
        TensorRange largest = ranges.stream().max(Comparator.comparingDouble(TensorRange::maxAbs)).orElseThrow();
        int above = (int) flagged.stream().filter(r -> r.maxAbs() > Float16Range.FLOAT16_MAX).count();
        return new Float16RangeReport(ranges, flagged, new Float16Range(images, ranges.size(), largest.maxAbs(),
                largest.name(), above, flagged.size() - above));
    }

    /**
     * Runs the calibration images through the float32 {@code model} and reports.
     *
     * @param progress one line per image
     * @throws AdaptsegException naming the file that cannot be read, or when ONNX Runtime fails
     */
    public static Float16RangeReport measure(ModelProto model, ModelMetadata metadata, CalibrationImages images,
                                             Consumer<String> progress) throws AdaptsegException {
        long[] shape = {1, 3, metadata.inputHeight(), metadata.inputWidth()};
        try (ActivationStatistics statistics = new ActivationStatistics(model)) {
            int i = 0;
            for (Path file : images.files()) {
                progress.accept(String.format(Locale.ROOT, "float16 range: image %d/%d %s", ++i,
                        images.files().size(), file));
                statistics.accept(CalibrationImages.prepare(file, metadata), shape);
            }
            return of(statistics.ranges(), statistics.runs());
        }
    }

    /** The table of flagged tensors (or a line saying there is none), then the summary line. */
    public List<String> toText() {
        List<String> lines = new ArrayList<>();
        if (flagged.isEmpty()) {
            lines.add(String.format(Locale.ROOT, "float16 range: no tensor within 2x of %.0f", Float16Range.FLOAT16_MAX));
        } else {
            int width = Math.max("tensor".length(), flagged.stream().mapToInt(r -> r.name().length()).max().orElse(0));
            lines.add(String.format(Locale.ROOT, "%-" + width + "s  %-18s  %12s  %12s  %12s  %s", "tensor", "op",
                    "max |x|", "min", "max", "float16"));
            for (TensorRange r : flagged) {
                lines.add(String.format(Locale.ROOT, "%-" + width + "s  %-18s  %12.5g  %12.5g  %12.5g  %s", r.name(),
                        r.opType(), r.maxAbs(), r.min(), r.max(),
                        r.nonFinite() > 0 ? "NON-FINITE (" + r.nonFinite() + " values)"
                                : r.maxAbs() > Float16Range.FLOAT16_MAX ? "OVERFLOWS" : "within 2x"));
            }
        }
        lines.add(summary.toString());
        return lines;
    }
}
