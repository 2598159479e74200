package io.adaptseg.app;

import ai.djl.ndarray.NDManager;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.AtomicFiles;
import io.adaptseg.export.ExportOptions;
import io.adaptseg.export.HeadSelection;
import io.adaptseg.export.ImportedModel;
import io.adaptseg.export.TrainedModel;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.weights.NameMap;
import java.util.Optional;
import io.adaptseg.export.metadata.ModelMetadata;
import io.adaptseg.export.metadata.Provenance;
import io.adaptseg.export.onnx.OnnxModels;
import io.adaptseg.export.onnx.OrtEnvironments;
import io.adaptseg.export.parity.DatasetResult;
import io.adaptseg.export.parity.LabelledDataset;
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
 * Runtime) on the same random inputs and, with {@code --data}, on a labelled dataset scored against
 * its ground truth, where the edge runtime's predictions are compared too; exit code 3 when a
 * threshold fails.
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
        return "(--checkpoint DIR | --weights FILE [--names MAP]) --model model.onnx [--data DIR [--split val]] [--sizes 1024x512,512x256] [--batch 2]"
                + " [--report FILE]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("checkpoint").hasArg().argName("DIR")
                .desc("the checkpoint the model was exported from").build());
        o.addOption(Option.builder().longOpt("weights").hasArg().argName("FILE")
                .desc("instead of --checkpoint: the weight file the model was exported from (export --weights); the"
                        + " architecture and label set come from the model").build());
        o.addOption(Option.builder().longOpt("names").hasArg().argName("MAP")
                .desc("with --weights: the name map (default: detected from the file's names)").build());
        o.addOption(Option.builder().longOpt("model").hasArg().argName("FILE").required()
                .desc("the exported ONNX model").build());
        o.addOption(Option.builder().longOpt("sizes").hasArg().argName("WxH,...")
                .desc("random input sizes (default 1024x512,512x256)").build());
        o.addOption(Option.builder().longOpt("batch").hasArg().argName("N").desc("batch size (default 2)").build());
        o.addOption(Option.builder().longOpt("data").hasArg().argName("DIR")
                .desc("labelled dataset: leftImg8bit/<split> + gtFine/<split> (Cityscapes) or images/ + labels/"
                        + " (trainIds); scored through DJL, ONNX Runtime and the edge runtime").build());
        o.addOption(Option.builder().longOpt("split").hasArg().argName("NAME")
                .desc("Cityscapes split folder under --data (default val)").build());
        o.addOption(Option.builder().longOpt("report").hasArg().argName("FILE")
                .desc("JSON report (default: <model>.parity.json)").build());
        return o;
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        if (line.hasOption("weights") == line.hasOption("checkpoint")) {
            throw new UsageException("give either --checkpoint DIR or --weights FILE");
        }
        List<int[]> sizes = heightWidth(ImageSize.parseList("--sizes", line.getOptionValue("sizes", "1024x512,512x256"), 1));
        int batch = positive("batch", line.getOptionValue("batch", "2"));
        Path modelFile = Path.of(line.getOptionValue("model"));
        Path report = Path.of(line.getOptionValue("report", modelFile + ".parity.json"));
        LabelledDataset data = line.hasOption("data")
                ? LabelledDataset.open(Path.of(line.getOptionValue("data")), line.getOptionValue("split", "val")) : null;
        OrtEnvironments.get(); // DJL's OnnxRuntime engine first (docs/stack.md ordering pitfall)
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
            Segmenter segmenter;
            String source;
            if (line.hasOption("weights")) {
                Optional<NameMap> names;
                try {
                    names = line.hasOption("names") ? Optional.of(NameMap.parse(line.getOptionValue("names")))
                            : Optional.empty();
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--names: " + e.getMessage());
                }
                ImportedModel imported = ImportedModel.load(Path.of(line.getOptionValue("weights")),
                        metadata.architecture(), metadata.labelSet(), names, metadata.inputWidth(),
                        metadata.inputHeight(), manager);
                segmenter = imported.segmenter();
                source = imported.weights().toString();
            } else {
                TrainedModel trained = TrainedModel.load(Path.of(line.getOptionValue("checkpoint")), manager);
                if (!trained.segmenter().architecture().equals(metadata.architecture())) {
                    out.printf("warning: checkpoint is %s, model says %s%n", trained.segmenter().architecture(),
                            metadata.architecture());
                }
                segmenter = trained.segmenter();
                source = trained.checkpoint().toString();
            }
            // DJL and the graph are fed with the family's normalisation; the runtime reads the metadata's
            try (Parity parity = new Parity(segmenter, HeadSelection.heads(segmenter, head),
                    modelFile, segmenter.normalization(), ParityThresholds.forPrecision(float16))) {
                DatasetResult dataset = null;
                if (data != null) {
                    out.println("dataset: " + data.samples().size() + " images in " + data.root() + " (" + data.layout() + ")");
                    dataset = parity.compareDataset(data, metadata.labelSet(), metadata.inputHeight(),
                            metadata.inputWidth(), out::println);
                }
                ParityReport result = parity.run(source, sizes, batch, float16, dataset);
                AtomicFiles.writeString(report, result.toJson());
                out.print(result.toText());
                out.println("report: " + report);
                return result.passed() ? 0 : THRESHOLD_FAILED;
            }
        }
    }

    /** The (height, width) pairs {@link Parity#run} takes, as tensors are shaped. */
    private static List<int[]> heightWidth(List<ImageSize> sizes) {
        List<int[]> out = new ArrayList<>();
        for (ImageSize s : sizes) {
            out.add(new int[] {s.height(), s.width()});
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
