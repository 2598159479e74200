package io.adaptseg.export.device;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.model.ModelMetadata;
import io.adaptseg.export.ImportedModel;
import io.adaptseg.export.onnx.OnnxModels;
import io.adaptseg.export.parity.Precision;
import io.adaptseg.runtime.SegmentationSession;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * A model the device check runs: its file, SHA-256 (the key of its TensorRT engine cache), contract
 * and precision, which sets the agreement it must reach.
 *
 * @param name how the report calls it ("built-in" or the file)
 * @param precisionSource where the precision was read: the metadata's parity record, its int8 record,
 *     or the graph itself (a model exported with --no-parity)
 */
public record CheckedModel(String name, Path file, String sha256, ModelMetadata metadata, Precision precision,
                           String precisionSource) {

    /**
     * Reads and validates {@code file} before any session is opened.
     *
     * @throws AdaptsegException one line naming the file when it is missing, empty, not ONNX, or has no
     *     adaptseg metadata
     */
    public static CheckedModel load(String name, Path file) throws AdaptsegException {
        SegmentationSession.requireModelFile(file);
        ModelProto proto = OnnxModels.read(file);
        ModelMetadata metadata = ModelMetadata.fromProperties(file.toString(), OnnxModels.metadata(proto));
        Precision precision;
        String source;
        if (metadata.checks().parity().isPresent()) {
            String id = metadata.checks().parity().get().precision();
            precision = Arrays.stream(Precision.values()).filter(p -> p.id().equals(id.toLowerCase(Locale.ROOT)))
                    .findFirst().orElseThrow(() -> new AdaptsegException(file + ": parity precision '" + id
                            + "' in the metadata is none of float32, float16, int8"));
            source = "the metadata's parity record";
        } else if (metadata.checks().int8().isPresent()) {
            precision = Precision.INT8;
            source = "the metadata's int8 record";
        } else {
            precision = Precision.of(proto);
            source = "the graph: the metadata has no parity record";
        }
        return new CheckedModel(name, file, ImportedModel.sha256(file), metadata, precision, source);
    }

    /** The agreement with the CPU this model must reach: export's threshold for its precision. */
    public double minAgreement() {
        return precision.thresholds().minAgreement();
    }
}
