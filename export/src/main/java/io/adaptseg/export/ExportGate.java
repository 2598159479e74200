package io.adaptseg.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.model.ModelMetadata;
import io.adaptseg.core.model.ParityFigures;
import io.adaptseg.export.calibration.CalibrationImages;
import io.adaptseg.export.calibration.Float16RangeReport;
import io.adaptseg.export.int8.Int8Options;
import io.adaptseg.export.int8.Int8Quantization;
import io.adaptseg.export.onnx.Float16Note;
import io.adaptseg.export.onnx.Graphs;
import io.adaptseg.export.parity.DatasetResult;
import io.adaptseg.export.parity.LabelledDataset;
import io.adaptseg.export.parity.Parity;
import io.adaptseg.export.parity.ParityReport;
import io.adaptseg.export.parity.ParityThresholds;
import io.adaptseg.export.parity.Precision;
import io.adaptseg.export.parity.SizeResult;
import io.adaptseg.train.model.Segmenter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An export that proves its parity before it succeeds: the model is written to a scratch file, the
 * trained network (DJL) and ONNX Runtime are compared on random inputs at the model's input size (and
 * on a labelled dataset when one is given) with the thresholds of the model's precision, and only a
 * model that passes is written to the target, with the figures in its metadata
 * ({@link ParityFigures}). A failing model never reaches the target; the target is left as it was.
 * An int8 export quantises the folded float32 graph first ({@link Int8Quantization}) and is held to the
 * int8 thresholds.
 */
public final class ExportGate {
    /** Random comparisons per export: one batch of this many images at the model's input size. */
    static final int RANDOM_BATCH = 1;

    private ExportGate() {
    }

    /**
     * What an export did.
     *
     * @param model the model as written (or as it would have been, when parity failed)
     * @param parity the parity run; empty when it was skipped
     * @param precision what the model computes in, which set the thresholds
     * @param probe the written file's probe output shapes by name; empty when nothing was written
     */
    public record Outcome(Path target, String architecture, ExportOptions options, Precision precision, ModelProto model,
                          List<Float16Note> float16Notes, Optional<ParityReport> parity, Map<String, long[]> probe) {
        /** True when the model was written to the target. */
        public boolean written() {
            return !probe.isEmpty();
        }

        /** True when parity ran and failed: nothing was written. */
        public boolean rejected() {
            return parity.isPresent() && !parity.get().passed();
        }

        /**
         * What the user reads, the parity figures last: the file written and its probe, the parity
         * report, then {@code parity passed|FAILED, <figures>} (and, on failure, that nothing was
         * written), or the warning that parity was skipped.
         */
        public List<String> summary() throws IOException {
            List<String> lines = new ArrayList<>();
            if (written()) {
                lines.add(String.format(Locale.ROOT, "wrote %s (%s, %d nodes, %d parameters, %.1f MB, opset %d, %s)",
                        target, architecture, model.getGraph().getNodeCount(), Graphs.parameterCount(model.getGraph()),
                        Files.size(target) / 1e6, options.opset(), precision.id()));
                lines.add("checked: ONNX Runtime loads it; probe logits " + Arrays.toString(probe.get("logits"))
                        + ", labels " + Arrays.toString(probe.get("labels")));
            }
            if (parity.isEmpty()) {
                lines.add("warning: parity not checked (--no-parity): nothing shows this model computes what the"
                        + " checkpoint does; run 'adaptseg parity' before deploying it");
                return lines;
            }
            ParityReport report = parity.get();
            lines.addAll(report.toText().lines().toList());
            lines.add("parity " + (report.passed() ? "passed, " : "FAILED, ") + figures(report, precision));
            if (!report.passed()) {
                lines.add("no model written to " + target);
            }
            return lines;
        }
    }

    /**
     * Exports {@code trained} to {@code target}.
     *
     * @param data a labelled dataset to compare on as well, or null
     * @param checkParity false to skip the check (the caller warns)
     * @param progress lines for the user: float16 decisions and dataset progress
     * @throws AdaptsegException when the network cannot be exported or the written file fails ONNX
     *     Runtime's load and probe; a parity failure is not an exception, see {@link Outcome#written()}
     */
    public static Outcome export(TrainedModel trained, ExportOptions options, Path target, LabelledDataset data,
                                 boolean checkParity, Consumer<String> progress) throws AdaptsegException, IOException {
        return export(trained, options, target, data, null, checkParity, progress);
    }

    /**
     * The same with a float16 range check.
     *
     * @param fp16Check calibration images for the float16 range check ({@link #float16Range}), or null
     */
    public static Outcome export(TrainedModel trained, ExportOptions options, Path target, LabelledDataset data,
                                 CalibrationImages fp16Check, boolean checkParity, Consumer<String> progress)
            throws AdaptsegException, IOException {
        return export(trained.segmenter(), trained.metadata(options), trained.checkpoint().toString(), options, target,
                data, fp16Check, checkParity, progress);
    }

    /**
     * The same for any network with its contract, e.g. one made from a published weight file
     * ({@link ImportedModel}).
     *
     * @param source what the network came from, for the parity report (checkpoint or weight file)
     */
    public static Outcome export(Segmenter segmenter, ModelMetadata metadata, String source, ExportOptions options,
                                 Path target, LabelledDataset data, boolean checkParity, Consumer<String> progress)
            throws AdaptsegException, IOException {
        return export(segmenter, metadata, source, options, target, data, null, checkParity, progress);
    }

    /**
     * The same with a float16 range check: its table goes to {@code progress} and its figures into the
     * written model's metadata.
     *
     * @param fp16Check calibration images for {@link #float16Range}, or null for none
     */
    public static Outcome export(Segmenter segmenter, ModelMetadata metadata, String source, ExportOptions options,
                                 Path target, LabelledDataset data, CalibrationImages fp16Check, boolean checkParity,
                                 Consumer<String> progress) throws AdaptsegException, IOException {
        return export(segmenter, metadata, source, options, target, data, fp16Check, null, checkParity, progress);
    }

    /**
     * The same, quantised to int8 when {@code int8} is given: batch norms are folded, the activations
     * calibrated on its images and the graph rewritten in QDQ form before the parity check, which then
     * applies the int8 thresholds; how it was quantised goes into the metadata.
     *
     * @param int8 the int8 quantisation, or null for a float model
     * @throws IllegalArgumentException when both int8 and float16 are asked
     */
    public static Outcome export(Segmenter segmenter, ModelMetadata metadata, String source, ExportOptions options,
                                 Path target, LabelledDataset data, CalibrationImages fp16Check, Int8Options int8,
                                 boolean checkParity, Consumer<String> progress) throws AdaptsegException, IOException {
        if (int8 != null && options.float16()) {
            throw new IllegalArgumentException("an export is either int8 or float16, not both");
        }
        Precision precision = int8 != null ? Precision.INT8 : Precision.ofFloat16(options.float16());
        if (int8 != null) {
            // quantising a batch norm of its own would add a step per block; folded, it costs nothing
            options = options.withFoldBatchNorm(true);
        }
        if (fp16Check != null) {
            Float16RangeReport range = float16Range(segmenter, metadata, options, fp16Check, progress);
            range.toText().forEach(progress);
            metadata = metadata.withFloat16Range(range.summary());
        }
        OnnxExporter.Exported exported = OnnxExporter.standard().exportWithNotes(segmenter, options, metadata);
        Float16Note.summarise(exported.float16Notes()).forEach(progress);
        ModelProto model = exported.model();
        if (int8 != null) {
            Int8Quantization.Result quantized = Int8Quantization.quantize(model, metadata, int8, progress);
            metadata = metadata.withInt8(quantized.calibration());
            model = withMetadata(model.toBuilder().setGraph(quantized.graph()).build(), metadata);
            progress.accept(quantized.calibration().toString());
        }
        if (!checkParity) {
            Map<String, long[]> probe = CheckedModelWriter.write(model, target, segmenter.numClasses(),
                    segmenter.outputStride());
            return new Outcome(target, segmenter.architecture(), options, precision, model, exported.float16Notes(),
                    Optional.empty(), probe);
        }
        // int8 is judged on real images (random noise lies outside its calibrated ranges): images of the
        // calibration folder that it was not calibrated on, as many as it was calibrated on
        Parity.Images images = int8 == null ? null
                : new Parity.Images(int8.images().heldOut(int8.images().files().size()).files(), metadata);
        ParityReport report = check(segmenter, source, options, precision, metadata, model, target, data, images,
                progress);
        if (!report.passed()) {
            return new Outcome(target, segmenter.architecture(), options, precision, model, exported.float16Notes(),
                    Optional.of(report), Map.of());
        }
        ModelProto proven = withMetadata(model, metadata.withParity(figures(report, precision)));
        Map<String, long[]> probe = CheckedModelWriter.write(proven, target, segmenter.numClasses(),
                segmenter.outputStride());
        return new Outcome(target, segmenter.architecture(), options, precision, proven, exported.float16Notes(),
                Optional.of(report), probe);
    }

    /**
     * Measures the activations of the float32 graph a float16 export would convert: batch norms folded
     * whenever float16 is asked (as the conversion does), so the tensors are the ones a float16 device
     * computes.
     */
    public static Float16RangeReport float16Range(Segmenter segmenter, ModelMetadata metadata, ExportOptions options,
                                                  CalibrationImages images, Consumer<String> progress)
            throws AdaptsegException {
        ExportOptions float32 = options.withFloat16(false).withFoldBatchNorm(options.foldBatchNorm() || options.float16());
        ModelProto model = OnnxExporter.standard().export(segmenter, float32, metadata);
        progress.accept("float16 range: " + images.files().size() + " calibration images from " + images.root());
        return Float16RangeReport.measure(model, metadata, images, progress);
    }

    /** Writes the model to a scratch folder beside the target and runs the parity check on it. */
    private static ParityReport check(Segmenter segmenter, String source, ExportOptions options, Precision precision,
                                      ModelMetadata metadata, ModelProto model, Path target, LabelledDataset data,
                                      Parity.Images images, Consumer<String> progress)
            throws AdaptsegException, IOException {
        // a folder a killed export leaves is removed by the next one (ParityScratch)
        try (ParityScratch scratch = ParityScratch.create(target.toAbsolutePath().getParent(), progress)) {
            Path file = scratch.model();
            CheckedModelWriter.write(model, file, segmenter.numClasses(), segmenter.outputStride());
            try (Parity parity = new Parity(segmenter, HeadSelection.heads(segmenter, options.head()), file,
                    segmenter.normalization(), ParityThresholds.forPrecision(precision))) {
                DatasetResult dataset = null;
                if (data != null) {
                    progress.accept("parity dataset: " + data.samples().size() + " images in " + data.root());
                    dataset = parity.compareDataset(data, metadata.labelSet(), metadata.inputHeight(),
                            metadata.inputWidth(), progress);
                }
                List<int[]> sizes = List.<int[]>of(new int[] {metadata.inputHeight(), metadata.inputWidth()});
                if (images != null) {
                    progress.accept("parity images: " + images.files().size() + " images of the calibration folder");
                }
                ParityReport report = parity.run(source, sizes, RANDOM_BATCH, precision, images, dataset);
                return new ParityReport(target.toString(), report.checkpoint(), report.precision(), report.heads(),
                        report.thresholds(), report.sizes(), report.dataset(), report.failures());
            }
        }
    }

    /** The figures a passed (or failed) report puts in the metadata: the worst of every comparison. */
    public static ParityFigures figures(ParityReport report, boolean float16) {
        return figures(report, Precision.ofFloat16(float16));
    }

    /** The same for a model of any precision. */
    public static ParityFigures figures(ParityReport report, Precision precision) {
        double agreement = 1;
        double maxDelta = 0;
        List<String> on = new ArrayList<>();
        for (SizeResult s : report.sizes()) {
            if (!s.judged()) {
                continue; // reported in the table, not a figure the model was proven to
            }
            agreement = Math.min(agreement, s.agreement());
            maxDelta = Math.max(maxDelta, s.maxAbsDelta());
            on.add(s.inputs().equals(SizeResult.IMAGES) ? s.label() : "random " + s.label());
        }
        DatasetResult d = report.dataset();
        if (d != null) {
            agreement = Math.min(agreement, Math.min(d.onnxAgreement(), d.runtimeAgreement()));
            maxDelta = Math.max(maxDelta, d.maxAbsDelta());
            on.add(d.images() + " images (" + d.layout() + ")");
        }
        // NaN deltas (mismatched shapes) must not read as a clean 0
        return new ParityFigures(precision.id(), agreement,
                Double.isNaN(maxDelta) ? Double.MAX_VALUE : maxDelta, report.thresholds().minAgreement(), String.join(" + ", on));
    }

    private static ModelProto withMetadata(ModelProto model, ModelMetadata metadata) {
        ModelProto.Builder b = model.toBuilder().clearMetadataProps();
        metadata.toProperties().forEach((k, v) ->
                b.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return b.build();
    }
}
