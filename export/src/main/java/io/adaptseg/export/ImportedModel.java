package io.adaptseg.export;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.core.model.ModelContract;
import io.adaptseg.core.model.ModelMetadata;
import io.adaptseg.core.model.ModelOrigin;
import io.adaptseg.core.resample.Convention;
import io.adaptseg.core.resample.ImageResize;
import io.adaptseg.export.metadata.Provenance;
import io.adaptseg.train.model.PublishedWeights;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.model.SegmenterOptions;
import io.adaptseg.train.model.SegmenterRegistry;
import io.adaptseg.train.weights.NameMap;
import io.adaptseg.train.weights.WeightFiles;
import io.adaptseg.train.weights.WeightImportReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A segmenter built from a weight file without training (a published PyTorch checkpoint, or any file
 * {@link WeightFiles} reads), with the import report and the file's SHA-256 for the provenance. Every
 * parameter must come from the file: a model whose heads were left initialised is not deployable.
 *
 * @param inputWidth the training input width recorded in the metadata (the runtime resizes to it)
 * @param inputResize how the reference repository resized its images ({@link PublishedWeights}), recorded
 *     in the metadata so that the runtime resizes the same way
 */
public record ImportedModel(Path weights, String sha256, Segmenter segmenter, LabelSet labelSet,
                            WeightImportReport report, int inputWidth, int inputHeight, ImageResize inputResize) {
    /** The method recorded in the metadata of an imported model. */
    public static final String METHOD = "imported";

    /**
     * Loads {@code weights} into a new {@code architecture} network in {@code manager}.
     *
     * @param names the name map, or empty to detect it from the file
     * @throws AdaptsegException naming the file when it cannot be read, does not fit the architecture, or
     *     leaves parameters missing, skipped, re-initialised or tensors unused
     */
    public static ImportedModel load(Path weights, String architecture, LabelSet labelSet, Optional<NameMap> names,
            int inputWidth, int inputHeight, NDManager manager) throws AdaptsegException {
        // the forward that produced the published weights: the reference repositories' ASPP branch count,
        // their align-corners upsampling and their input resize (docs/fidelity.md), recorded as choices of the import
        PublishedWeights published = PublishedWeights.forArchitecture(architecture);
        SegmenterOptions options = SegmenterOptions.defaults(SegmenterRegistry.family(architecture))
                .withAsppBranches(published.asppBranches()).withLogitsUpsampling(Convention.ALIGN_CORNERS);
        Segmenter segmenter = SegmenterRegistry.create(architecture, labelSet.size(), options);
        segmenter.initialize(manager);
        WeightImportReport report = WeightFiles.load(segmenter, weights, names).withChoices(List.of(
                "ASPP branches " + published.asppBranches() + " (" + published.reason() + ")",
                "logits upsampled align-corners (as all four reference repositories)",
                "input resize " + published.inputResize().id() + " (" + published.resizeReason() + ")"));
        if (report.names() == NameMap.OURS) {
            // only adaptseg writes its own names, and its files record no forward: the checkpoint's config does
            throw new AdaptsegException(weights + ": has adaptseg's own parameter names (name map ours), and such a file"
                    + " does not record the forward that trained it (aspp-branches, logits-upsampling, image-resize);"
                    + " built as " + architecture + "'s reference variant it would predict differently. Export the"
                    + " checkpoint it came from with --checkpoint DIR, or give it as DIR/networks/G.npz");
        }
        if (!report.complete()) {
            throw new AdaptsegException(weights + ": not a complete " + architecture + " with " + labelSet.size()
                    + " classes (" + report.choicesLine() + "): " + report.summary()
                    + (report.reinitialised().isEmpty() ? "" : "; the file's heads have another class count: choose the"
                            + " label set that matches it")
                    + (onlyHeadsMissing(segmenter, report) ? "; the file has no trained heads: it is an initialisation"
                            + " to train from (restore-from in a training config), not a model to deploy" : ""));
        }
        return new ImportedModel(weights, sha256(weights), segmenter, labelSet, report, inputWidth, inputHeight,
                published.inputResize());
    }

    private static boolean onlyHeadsMissing(Segmenter segmenter, WeightImportReport report) {
        return !report.missing().isEmpty() && report.missing().stream()
                .allMatch(n -> segmenter.classifierModules().stream().anyMatch(m -> n.startsWith(m + ".")));
    }

    /** The metadata of the export: method {@value #METHOD}, iteration 0, never validated. */
    public ModelMetadata metadata(ExportOptions options) {
        var versions = new LinkedHashMap<>(Versions.all());
        versions.put("opset", Integer.toString(options.opset()));
        ObjectNode config = new ObjectMapper().createObjectNode();
        config.put("model", segmenter.architecture());
        config.put("method", METHOD);
        config.put("label-set", labelSet.id());
        config.put("input-size-target", inputWidth + "," + inputHeight);
        config.put("image-resize", inputResize.id());
        Map<String, String> export = new LinkedHashMap<>();
        export.put("weights", weights.getFileName().toString());
        export.put("weights_path", weights.toAbsolutePath().toString());
        export.put("weights_sha256", sha256);
        export.put("weights_import", report.choicesLine());
        export.put("weights_report", report.summary());
        export.put("head", options.head());
        export.put("fold_bn", Boolean.toString(options.foldsBatchNorm()));
        export.put("fp16", Boolean.toString(options.float16()));
        Provenance provenance = Provenance.now(config, versions, export);
        // all four reference repositories upsample logits with align_corners=True in training and evaluation
        // (docs/weights.md), and resize inputs with PIL's filters, so a model made from their weights must too
        // to predict what they predict
        return new ModelMetadata(new ModelContract(labelSet, segmenter.normalization(), inputHeight, inputWidth,
                segmenter.outputStride(), Convention.ALIGN_CORNERS, inputResize),
                new ModelOrigin(segmenter.architecture(), METHOD, "", "", 0, OptionalDouble.empty(), provenance.toJson()));
    }

    /** The SHA-256 of a file, in lower-case hex (also the key of {@code doctor --providers}' TensorRT cache). */
    public static String sha256(Path file) throws AdaptsegException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new AdaptsegException(file + ": cannot read (" + e.getMessage() + ")", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
