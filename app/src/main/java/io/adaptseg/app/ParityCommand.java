package io.adaptseg.app;

import ai.djl.ndarray.NDManager;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.AtomicFiles;
import io.adaptseg.export.ExportOptions;
import io.adaptseg.export.HeadSelection;
import io.adaptseg.export.TrainedModel;
import io.adaptseg.export.metadata.ModelMetadata;
import io.adaptseg.export.metadata.Provenance;
import io.adaptseg.export.onnx.OnnxModels;
import io.adaptseg.export.onnx.OrtEnvironments;
import io.adaptseg.export.parity.Parity;
import io.adaptseg.export.parity.ParityReport;
import io.adaptseg.export.parity.ParityThresholds;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code adaptseg parity}: the checkpoint's network (DJL, PyTorch) and the exported model (ONNX
 * Runtime) on the same random inputs; exit code 3 when a threshold fails.
 */
final class ParityCommand implements Command {
    static final int THRESHOLD_FAILED = 3;

    @Override
    public String name() {
        return "parity";
    }

    @Override
    public String summary() {
        return "compare a checkpoint (DJL) with its exported ONNX model (ONNX Runtime); exit 3 when a threshold fails";
    }

    @Override
    public String synopsis() {
        return "--checkpoint DIR --model model.onnx [--sizes 512x1024,256x512] [--batch 2] [--report FILE]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("checkpoint").hasArg().argName("DIR").required()
                .desc("the checkpoint the model was exported from").build());
        o.addOption(Option.builder().longOpt("model").hasArg().argName("FILE").required()
                .desc("the exported ONNX model").build());
        o.addOption(Option.builder().longOpt("sizes").hasArg().argName("HxW,...")
                .desc("random input sizes (default 512x1024,256x512)").build());
        o.addOption(Option.builder().longOpt("batch").hasArg().argName("N").desc("batch size (default 2)").build());
        o.addOption(Option.builder().longOpt("report").hasArg().argName("FILE")
                .desc("JSON report (default: <model>.parity.json)").build());
        return o;
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        List<int[]> sizes = sizes(line.getOptionValue("sizes", "512x1024,256x512"));
        int batch = positive("batch", line.getOptionValue("batch", "2"));
        Path modelFile = Path.of(line.getOptionValue("model"));
        Path report = Path.of(line.getOptionValue("report", modelFile + ".parity.json"));
        OrtEnvironments.get(); // DJL's OnnxRuntime engine first (STACK.md ordering pitfall)
        ModelProto model = OnnxModels.read(modelFile);
        ModelMetadata metadata = ModelMetadata.fromProperties(modelFile.toString(), OnnxModels.metadata(model));
        boolean float16 = model.getGraph().getInitializerList().stream()
                .anyMatch(t -> t.getDataType() == TensorProto.DataType.FLOAT16_VALUE);
        String head;
        try {
            head = Provenance.fromJson(metadata.provenanceJson()).export()
                    .getOrDefault("head", ExportOptions.EVALUATION_HEADS);
        } catch (IOException e) {
            throw new AdaptsegException(modelFile + ": unreadable provenance JSON (" + e.getMessage() + ")", e);
        }
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            TrainedModel trained = TrainedModel.load(Path.of(line.getOptionValue("checkpoint")), manager);
            if (!trained.segmenter().architecture().equals(metadata.architecture())) {
                out.printf("warning: checkpoint is %s, model says %s%n", trained.segmenter().architecture(),
                        metadata.architecture());
            }
            try (Parity parity = new Parity(trained.segmenter(), HeadSelection.heads(trained.segmenter(), head),
                    modelFile, metadata.normalization(), ParityThresholds.forPrecision(float16))) {
                ParityReport result = parity.run(trained.checkpoint().toString(), sizes, batch, float16, null);
                AtomicFiles.writeString(report, result.toJson());
                out.print(result.toText());
                out.println("report: " + report);
                return result.passed() ? 0 : THRESHOLD_FAILED;
            }
        }
    }

    static List<int[]> sizes(String value) {
        List<int[]> out = new ArrayList<>();
        for (String part : value.split(",")) {
            String[] hw = part.trim().split("x");
            if (hw.length != 2) {
                throw new UsageException("--sizes: expected HxW[,HxW...], found '" + value + "'");
            }
            out.add(new int[] {positive("sizes", hw[0]), positive("sizes", hw[1])});
        }
        return out;
    }

    private static int positive(String option, String value) {
        try {
            int v = Integer.parseInt(value.trim());
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the option's name
        }
        throw new UsageException("--" + option + ": expected a positive integer, found '" + value + "'");
    }
}
