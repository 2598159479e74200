package io.adaptseg.export;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.core.model.ModelContract;
import io.adaptseg.core.model.ModelMetadata;
import io.adaptseg.core.model.ModelOrigin;
import io.adaptseg.export.metadata.Provenance;
import io.adaptseg.train.checkpoint.Checkpoint;
import io.adaptseg.train.checkpoint.TrainingState;
import io.adaptseg.train.config.Size;
import io.adaptseg.train.config.TrainConfig;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.model.SegmenterRegistry;
import io.adaptseg.train.translator.Translator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A segmenter restored from a training checkpoint directory ({@code iter_<n>/} or its parent, in
 * which case the newest checkpoint is used), with what the checkpoint says about it: the resolved
 * config ({@code model}, {@code label-set}, {@code method}, datasets, {@code input-size-target}) and
 * the state (iteration, best validation mIoU). Parameters live in the caller's manager.
 */
public record TrainedModel(Path checkpoint, Segmenter segmenter, LabelSet labelSet, TrainConfig config,
                           TrainingState state) {
    /** The checkpoint's network of the segmenter (the generator of the adversarial methods). */
    public static final String SEGMENTER_NETWORK = "G";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * Loads a checkpoint.
     *
     * @throws AdaptsegException naming the directory or file when it is not a checkpoint, the config
     *                           names an unknown architecture, or the parameters do not fit the network
     */
    public static TrainedModel load(Path dir, NDManager manager) throws AdaptsegException {
        Path resolved = Checkpoint.resolve(dir);
        TrainConfig config = TrainConfig.readSaved(resolved.resolve(Checkpoint.CONFIG_FILE), List.of());
        TrainingState state = Checkpoint.readState(resolved);
        String architecture = config.run().model(); // the config reader has checked it is set
        if (architecture.equals(Translator.ARCHITECTURE)) {
            // adain checkpoints export as translators before this; what is left is vgg-pretrain's encoder
            throw new AdaptsegException(resolved + ": a checkpoint of method " + config.run().method() + " holds the style"
                    + " translator's encoder, not a segmenter: it is the vgg: of an adain run, and that run's checkpoint"
                    + " exports the translator (docs/style-transfer.md)");
        }
        LabelSet labelSet = config.run().labelSet();
        // the checkpoint's forward conventions (aspp-branches changes the forward; logits-upsampling is
        // recorded in the config, config.network().logitsUpsampling(), for the model's metadata)
        Segmenter segmenter = SegmenterRegistry.create(architecture, labelSet.size(),
                config.network().segmenterOptions(SegmenterRegistry.family(architecture)));
        segmenter.initialize(manager);
        Checkpoint.loadNetwork(resolved, SEGMENTER_NETWORK, segmenter.block());
        return new TrainedModel(resolved, segmenter, labelSet, config, state);
    }

    /** The metadata an export of this checkpoint carries. */
    public ModelMetadata metadata(ExportOptions options) throws AdaptsegException {
        Size size = config.data().inputSizeTarget();
        boolean validatedHere = state.bestIteration() == state.iteration() && !Double.isNaN(state.bestMeanIou());
        JsonNode configJson;
        try {
            configJson = YAML.readTree(config.toYaml());
        } catch (IOException e) {
            throw new AdaptsegException(checkpoint + ": config is not readable YAML (" + e.getMessage() + ")", e);
        }
        var versions = new java.util.LinkedHashMap<>(Versions.all());
        versions.put("opset", Integer.toString(options.opset()));
        Provenance provenance = Provenance.now(configJson, versions, exportRecord(options));
        // the deployed model upsamples logits as the weights were trained and selected with
        // (logits-upsampling of the checkpoint's config; half-pixel for checkpoints written before the key)
        // and resizes its input images as training did (image-resize; bilinear for checkpoints before it)
        ModelContract contract = new ModelContract(labelSet, segmenter.normalization(), size.height(), size.width(),
                segmenter.outputStride(), config.network().logitsUpsampling(), config.data().imageResize());
        return new ModelMetadata(contract, new ModelOrigin(segmenter.architecture(), config.run().method(),
                config.data().sourceDataset(), config.data().targetDataset(), state.iteration(),
                // state.json keeps the fraction the loop computes; the model's metadata says percent (MetadataKeys.VAL_MIOU)
                validatedHere ? OptionalDouble.of(100 * state.bestMeanIou()) : OptionalDouble.empty(), provenance.toJson()));
    }

    private java.util.Map<String, String> exportRecord(ExportOptions options) {
        return java.util.Map.of("checkpoint", checkpoint.toAbsolutePath().toString(), "head", options.head(),
                "fold_bn", Boolean.toString(options.foldsBatchNorm()), "fp16", Boolean.toString(options.float16()));
    }
}
