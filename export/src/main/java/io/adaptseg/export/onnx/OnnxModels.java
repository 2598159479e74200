package io.adaptseg.export.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import com.google.protobuf.CodedInputStream;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Assembling, writing and reading ONNX model files. */
public final class OnnxModels {
    /** The default operator set: ONNX 1.12, supported by every ONNX Runtime since 1.12. */
    public static final int DEFAULT_OPSET = 17;
    public static final int MIN_OPSET = 13;
    public static final int MAX_OPSET = 21;
    private static final String PRODUCER = "adaptseg";

    private OnnxModels() {
    }

    /**
     * A model of {@code graph} at {@code opset} with the given metadata_props (insertion order kept).
     *
     * @throws IllegalArgumentException when the opset is outside {@link #MIN_OPSET}..{@link #MAX_OPSET}
     */
    public static ModelProto model(GraphProto graph, int opset, Map<String, String> metadata, String producerVersion) {
        checkOpset(opset);
        ModelProto.Builder model = ModelProto.newBuilder()
                .setIrVersion(irVersion(opset))
                .setProducerName(PRODUCER)
                .setProducerVersion(producerVersion)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(graph);
        metadata.forEach((k, v) -> model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return model.build();
    }

    /** Validates an opset number with a message naming the allowed range. */
    public static void checkOpset(int opset) {
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new IllegalArgumentException("opset must be between " + MIN_OPSET + " and " + MAX_OPSET
                    + ", found " + opset);
        }
    }

    /** The lowest IR version that allows {@code opset} (onnx/helper.py VERSION_TABLE). */
    static long irVersion(int opset) {
        if (opset <= 14) {
            return 7;
        }
        if (opset <= 18) {
            return 8;
        }
        if (opset <= 20) {
            return 9;
        }
        return 10;
    }

    /** The model's operator set version for the default domain. */
    public static int opset(ModelProto model) {
        return model.getOpsetImportList().stream().filter(o -> o.getDomain().isEmpty())
                .mapToInt(o -> (int) o.getVersion()).findFirst().orElse(0);
    }

    /** metadata_props as a map. */
    public static Map<String, String> metadata(ModelProto model) {
        Map<String, String> out = new LinkedHashMap<>();
        for (StringStringEntryProto e : model.getMetadataPropsList()) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** Writes the model atomically: a crash never leaves a partial file at {@code target}. */
    public static void write(ModelProto model, Path target) throws IOException {
        AtomicFiles.write(target, model::writeTo);
    }

    /**
     * Reads an ONNX model file.
     *
     * @throws AdaptsegException naming the file when it is missing or not an ONNX model
     */
    public static ModelProto read(Path file) throws AdaptsegException {
        ModelProto model;
        try (InputStream in = Files.newInputStream(file)) {
            CodedInputStream coded = CodedInputStream.newInstance(in);
            coded.setSizeLimit(Integer.MAX_VALUE);
            model = ModelProto.parseFrom(coded);
        } catch (NoSuchFileException e) {
            throw new AdaptsegException(file + ": no such file");
        } catch (IOException e) {
            throw new AdaptsegException(file + ": not an ONNX model (" + e.getMessage() + ")", e);
        }
        // Protobuf parses many non-ONNX byte strings without complaint; a model has a graph and an opset.
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0 || opset(model) == 0) {
            throw new AdaptsegException(file + ": not an ONNX model (no graph or no operator set)");
        }
        return model;
    }
}
