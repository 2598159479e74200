package io.adaptseg.app;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.model.MetadataKeys;
import io.adaptseg.core.model.ModelMetadata;
import io.adaptseg.core.model.TensorNames;
import io.adaptseg.export.ImportedModel;
import io.adaptseg.export.metadata.Provenance;
import io.adaptseg.runtime.backend.BackendOptions;
import io.adaptseg.runtime.backend.InferenceBackend;
import io.adaptseg.runtime.backend.OrtJavaBackend;
import io.adaptseg.runtime.backend.PlacementProbe;
import io.adaptseg.runtime.backend.TensorInfo;
import io.adaptseg.runtime.nativeort.OrtLibraries;
import io.adaptseg.runtime.nativeort.OrtNativeBackend;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** {@code adaptseg info}: a model's metadata, inputs and outputs, and the providers each backend offers. */
final class InfoCommand implements Command {
    @Override
    public String name() {
        return "info";
    }

    @Override
    public String summary() {
        return "show a model's metadata, inputs/outputs and the execution providers of both backends";
    }

    @Override
    public String synopsis() {
        return "--model FILE [--ort-library PATH]";
    }

    @Override
    public Options options() {
        return RuntimeOptions.add(new Options(), false);
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException {
        Path model = RuntimeOptions.model(line);
        BackendOptions options = RuntimeOptions.backendOptions(line);
        // the native backend reads the file: it also works for libraries the Java API cannot load (CANN)
        try (InferenceBackend backend = OrtNativeBackend.open(model, options)) {
            out.println("model: " + model);
            Map<String, String> metadata = backend.customMetadata();
            int[] probe = {64, 64};
            try {
                ModelMetadata info = ModelMetadata.fromProperties(model.toString(), metadata);
                probe = new int[] {info.inputHeight(), info.inputWidth()};
                out.printf("  adaptseg model v%d: %s, %s%n", MetadataKeys.CURRENT_FORMAT_VERSION, info.origin().architecture(),
                        origin(info));
                out.printf("  classes: %d (%s)%n", info.classes(), info.labelSet().id());
                out.printf("  input size: %dx%d (WxH), output stride %d%n", info.inputWidth(), info.inputHeight(),
                        info.outputStride());
                out.println("  normalisation: " + info.normalization());
                boolean keyed = !metadata.getOrDefault(MetadataKeys.INPUT_RESIZE, "").isBlank();
                out.println("  input resize: " + info.inputResize().id() + (keyed ? "" : " (no "
                        + MetadataKeys.INPUT_RESIZE + " in a model exported before the key: bilinear, as then)"));
                out.println("  logits upsampling: " + info.logitsUpsampling().onnxName());
                out.println("  parity at export: " + info.checks().parity().map(Object::toString)
                        .orElse("not checked (exported with --no-parity, or before export checked it)"));
                info.checks().float16Range().ifPresent(r -> out.println("  " + r + " (at export)"));
                info.checks().int8().ifPresent(c -> out.println("  " + c));
            } catch (AdaptsegException e) {
                out.println("  NOT an adaptseg model: " + e.getMessage());
            }
            out.println("metadata:");
            metadata.forEach((k, v) -> out.println("  " + k + " = " + v));
            out.println("inputs:");
            backend.inputs().forEach((TensorInfo t) -> out.println("  " + t));
            out.println("outputs:");
            backend.outputs().forEach((TensorInfo t) -> out.println("  " + t));
            out.println(PlacementProbe.line(backend, TensorNames.IMAGE, probe[0], probe[1]) + " (native backend, "
                    + options.providers().requested() + ")");
        }
        out.println("providers:");
        out.println("  java backend (ai.onnxruntime jar): " + OrtJavaBackend.availableProviders());
        OrtLibraries.LibraryInfo lib = OrtLibraries.describe(options.ortLibrary());
        out.println("  native backend (" + lib.path() + ", ONNX Runtime " + lib.version() + "): " + lib.providers());
        out.println("  build: " + lib.buildInfo());
        return Main.OK;
    }

    /**
     * Where the model came from: the training run (method, datasets, iteration, val mIoU), or for
     * {@code export --weights} the imported file with its SHA-256 and the name map that read it, from
     * the provenance the export wrote.
     */
    static String origin(ModelMetadata info) {
        if (!info.origin().method().equals(ImportedModel.METHOD)) {
            return String.format(Locale.ROOT, "%s on %s -> %s, iteration %d%s", info.origin().method(), info.origin().sourceDataset(),
                    info.origin().targetDataset(), info.origin().iteration(), info.origin().valMiou().isPresent()
                            ? String.format(Locale.ROOT, ", val mIoU %.2f %%", info.origin().valMiou().getAsDouble()) : "");
        }
        Map<String, String> export;
        try {
            export = Provenance.fromJson(info.origin().provenanceJson()).export();
        } catch (IOException | RuntimeException e) {
            return "imported (its provenance is not readable: " + e.getMessage() + ")";
        }
        // the import's choices ("; "-separated) include the name map, given or detected
        String names = Arrays.stream(export.getOrDefault("weights_import", "").split("; "))
                .filter(c -> c.startsWith("name map ")).findFirst().orElse("name map not recorded");
        return "imported from " + export.getOrDefault("weights", "an unrecorded file") + " (sha256 "
                + export.getOrDefault("weights_sha256", "not recorded") + "), " + names;
    }
}
