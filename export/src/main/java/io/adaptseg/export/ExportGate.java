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
 * An export that proves its parity before it succeeds, through one entry point ({@link #export}). The
 * float32 graph is written to a scratch file and compared with the trained network (DJL) on random inputs
 * at the model's input size (and on a labelled dataset when one is given); a float16 or int8 model is then
 * compared with that float32 model on ONNX Runtime, on the same inputs (an int8 model on images of its
 * calibration folder too), with its own precision's thresholds ({@link ParityChain}). Only a model that
 * passes is written to the target, with the figures in its metadata ({@link ParityFigures}). A failing
 * model never reaches the target; the target is left as it was. An int8 export quantises the folded
 * float32 graph ({@link Int8Quantization}), calibrated on the float32 graph itself.
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
     * @param parity the parity chain; empty when it was skipped
     * @param precision what the model computes in, which set the thresholds
     * @param probe the written file's probe output shapes by name; empty when nothing was written
     */
    public record Outcome(Path target, String architecture, ExportOptions options, Precision precision, ModelProto model,
                          List<Float16Note> float16Notes, Optional<ParityChain> parity, Map<String, long[]> probe) {
        /** True when the model was written to the target. */
        public boolean written() {
            return !probe.isEmpty();
        }

        /** True when parity ran and failed: nothing was written. */
        public boolean rejected() {
            return parity.isPresent() && !parity.get().passed(precision);
        }

        /**
         * What the user reads, the parity figures last: the file written and its probe, each link's parity
         * report, then {@code parity passed|FAILED, <figures>} (and, on failure, that nothing was written),
         * or the warning that parity was skipped.
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
            ParityChain chain = parity.get();
            chain.reports().forEach(r -> lines.addAll(r.toText().lines().toList()));
            boolean passed = chain.passed(precision);
            if (!chain.float32().passed() && precision != Precision.FLOAT32) {
                lines.add("parity FAILED at the float32 model, against the network: "
                        + ParityChain.figures(chain.float32(), Precision.FLOAT32));
            } else {
                lines.add("parity " + (passed ? "passed, " : "FAILED, ") + chain.figures(precision));
            }
            if (!passed) {
                lines.add("no model written to " + target);
            }
            return lines;
        }
    }

    /**
     * Exports {@code request.segmenter()} to {@code request.target()}: the float16 range check when asked
     * (its table goes to {@code log}, its figures into the metadata), int8 quantisation when asked (how it
     * was quantised goes into the metadata), then the parity chain unless it is switched off.
     *
     * @param log lines for the user: float16 decisions, calibration and dataset progress
     * @throws AdaptsegException when the network cannot be exported or a written file fails ONNX Runtime's
     *     load and probe; a parity failure is not an exception, see {@link Outcome#written()}
     */
    public static Outcome export(ExportRequest request, Consumer<String> log) throws AdaptsegException, IOException {
        Segmenter segmenter = request.segmenter();
        Int8Options int8 = request.int8().orElse(null);
        Precision precision = int8 != null ? Precision.INT8 : Precision.ofFloat16(request.options().float16());
        // quantising a batch norm of its own would add a step per block; folded, it costs nothing
        ExportOptions options = int8 != null ? request.options().withFoldBatchNorm(true) : request.options();
        ModelMetadata metadata = request.metadata();
        // the float32 graph every other precision starts from: the one a float16 device computes (batch norms
        // folded whenever float16 is asked, so the float16 range check measures the tensors a float16 device
        // computes), the one int8 quantises, and the reference of the parity chain
        ModelProto float32 = OnnxExporter.standard().export(segmenter, float32Of(options), metadata);
        if (request.fp16Check().isPresent()) {
            CalibrationImages images = request.fp16Check().get();
            log.accept("float16 range: " + images.files().size() + " calibration images from " + images.root());
            Float16RangeReport range = Float16RangeReport.measure(float32, metadata, images, log);
            range.toText().forEach(log);
            metadata = metadata.withFloat16Range(range.summary());
            float32 = withMetadata(float32, metadata);
        }
        List<Float16Note> notes = List.of();
        ModelProto model = float32;
        if (precision == Precision.FLOAT16) {
            OnnxExporter.Exported exported = OnnxExporter.standard().exportWithNotes(segmenter, options, metadata);
            notes = exported.float16Notes();
            Float16Note.summarise(notes).forEach(log);
            model = exported.model();
        } else if (int8 != null) {
            Int8Quantization.Result quantized = Int8Quantization.quantize(float32, metadata, int8, log);
            metadata = metadata.withInt8(quantized.calibration());
            model = withMetadata(float32.toBuilder().setGraph(quantized.graph()).build(), metadata);
            log.accept(quantized.calibration().toString());
        }
        if (!request.checkParity()) {
            Map<String, long[]> probe = CheckedModelWriter.write(model, request.target(), segmenter.numClasses(),
                    segmenter.outputStride());
            return new Outcome(request.target(), segmenter.architecture(), options, precision, model, notes,
                    Optional.empty(), probe);
        }
        ParityChain chain = chain(request, precision, metadata, float32, model, log);
        if (!chain.passed(precision)) {
            return new Outcome(request.target(), segmenter.architecture(), options, precision, model, notes,
                    Optional.of(chain), Map.of());
        }
        ModelProto proven = withMetadata(model, metadata.withParity(chain.figures(precision)));
        Map<String, long[]> probe = CheckedModelWriter.write(proven, request.target(), segmenter.numClasses(),
                segmenter.outputStride());
        return new Outcome(request.target(), segmenter.architecture(), options, precision, proven, notes,
                Optional.of(chain), probe);
    }

    /** The float32 options of an export: batch norms folded when the export folds them (float16 always does). */
    private static ExportOptions float32Of(ExportOptions options) {
        return options.withFloat16(false).withFoldBatchNorm(options.foldsBatchNorm());
    }

    /**
     * Runs the parity chain in a scratch folder beside the target: the float32 model against the network
     * on random inputs at the input size (and the dataset), then a float16 or int8 model against the
     * float32 one on the same inputs (and, for int8, images of the calibration folder that it was not
     * calibrated on, as many as it was calibrated on: random noise lies outside its calibrated ranges).
     */
    private static ParityChain chain(ExportRequest request, Precision precision, ModelMetadata metadata,
                                     ModelProto float32, ModelProto model, Consumer<String> log)
            throws AdaptsegException, IOException {
        Segmenter segmenter = request.segmenter();
        Path target = request.target();
        // a folder a killed export leaves is removed by the next one (ParityScratch)
        try (ParityScratch scratch = ParityScratch.create(target.toAbsolutePath().getParent(), log)) {
            Path float32File = scratch.float32();
            CheckedModelWriter.write(float32, float32File, segmenter.numClasses(), segmenter.outputStride());
            List<String> heads = HeadSelection.heads(segmenter, request.options().head());
            LabelledDataset data = request.data().orElse(null);
            ParityReport first;
            log.accept("parity: the float32 model against the network (DJL)");
            try (Parity parity = new Parity(segmenter, heads, float32File, segmenter.normalization(),
                    ParityThresholds.FLOAT32)) {
                first = run(parity, request.source(), Precision.FLOAT32, metadata, data, null, log);
            }
            if (precision == Precision.FLOAT32) {
                return new ParityChain(renamed(first, target.toString()), Optional.empty());
            }
            first = renamed(first, "the float32 model of " + target);
            if (!first.passed()) {
                return new ParityChain(first, Optional.empty());
            }
            Path file = scratch.model();
            CheckedModelWriter.write(model, file, segmenter.numClasses(), segmenter.outputStride());
            Parity.Images images = null;
            if (request.int8().isPresent()) {
                CalibrationImages calibration = request.int8().get().images();
                images = new Parity.Images(calibration.heldOut(calibration.files().size()).files(), metadata);
            }
            log.accept("parity: the " + precision.id() + " model against the float32 model (ONNX Runtime)");
            try (Parity parity = Parity.againstModel(float32File, heads, file, segmenter.normalization(),
                    precision.thresholds())) {
                ParityReport second = run(parity, "the float32 model (proven against " + request.source() + ")",
                        precision, metadata, data, images, log);
                return new ParityChain(first, Optional.of(renamed(second, target.toString())));
            }
        }
    }

    /** One link: the dataset first when given, then real images when given, then random inputs at the input size. */
    private static ParityReport run(Parity parity, String source, Precision precision, ModelMetadata metadata,
                                    LabelledDataset data, Parity.Images images, Consumer<String> log)
            throws AdaptsegException {
        DatasetResult dataset = null;
        if (data != null) {
            log.accept("parity dataset: " + data.samples().size() + " images in " + data.root());
            dataset = parity.compareDataset(data, metadata.labelSet(), metadata.inputHeight(), metadata.inputWidth(),
                    log);
        }
        if (images != null) {
            log.accept("parity images: " + images.files().size() + " images of the calibration folder");
        }
        List<int[]> sizes = List.<int[]>of(new int[] {metadata.inputHeight(), metadata.inputWidth()});
        return parity.run(source, sizes, RANDOM_BATCH, precision, images, dataset);
    }

    /** The report naming the target rather than the scratch file it ran on. */
    private static ParityReport renamed(ParityReport r, String model) {
        return new ParityReport(model, r.checkpoint(), r.precision(), r.heads(), r.thresholds(), r.sizes(),
                r.dataset(), r.failures());
    }

    private static ModelProto withMetadata(ModelProto model, ModelMetadata metadata) {
        ModelProto.Builder b = model.toBuilder().clearMetadataProps();
        metadata.toProperties().forEach((k, v) ->
                b.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return b.build();
    }
}
