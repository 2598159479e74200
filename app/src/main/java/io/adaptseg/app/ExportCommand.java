package io.adaptseg.app;

import ai.djl.ndarray.NDManager;
import ai.onnx.proto.OnnxMl.ModelProto;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.export.CheckedModelWriter;
import io.adaptseg.export.ExportOptions;
import io.adaptseg.export.ImportedModel;
import io.adaptseg.export.OnnxExporter;
import io.adaptseg.export.TrainedModel;
import io.adaptseg.export.metadata.ModelMetadata;
import io.adaptseg.export.onnx.Graphs;
import io.adaptseg.export.onnx.OnnxModels;
import io.adaptseg.export.onnx.OrtEnvironments;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.model.SegmenterRegistry;
import io.adaptseg.train.weights.NameMap;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code adaptseg export}: a training checkpoint, or a weight file with its architecture (a published
 * PyTorch checkpoint: no training needed), → a checked ONNX model following the contract.
 */
final class ExportCommand implements Command {
    /** The reference evaluation input size of AdaptSegNet and CLAN (Cityscapes at half resolution). */
    static final String DEFAULT_INPUT_SIZE = "1024x512";
    private static final java.util.List<String> WEIGHTS_ONLY = java.util.List.of("model", "input-size", "names",
            "label-set");

    @Override
    public String name() {
        return "export";
    }

    @Override
    public String summary() {
        return "export a checkpoint's segmenter, or a weight file such as a published .pth, to ONNX (checked with"
                + " ONNX Runtime before success)";
    }

    @Override
    public String synopsis() {
        return "(--checkpoint DIR | --weights FILE --model ARCH [--input-size WxH] [--names MAP] [--label-set SET])"
                + " --out model.onnx [--head eval|sum|NAME] [--fold-bn] [--fp16] [--opset N]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("checkpoint").hasArg().argName("DIR")
                .desc("checkpoint directory (iter_<n>/, or a snapshot dir: its newest checkpoint)").build());
        o.addOption(Option.builder().longOpt("weights").hasArg().argName("FILE")
                .desc("instead of --checkpoint: a weight file (.pth/.pt/.pkl from PyTorch, .npz, .safetensors), e.g. a"
                        + " published checkpoint; every parameter must come from it").build());
        o.addOption(Option.builder().longOpt("model").hasArg().argName("ARCH")
                .desc("with --weights: the architecture, e.g. deeplabv2-r101-multi, deeplabv2-r101-clan,"
                        + " deeplabv3plus-r101").build());
        o.addOption(Option.builder().longOpt("input-size").hasArg().argName("WxH")
                .desc("with --weights: the input size the runtime resizes images to (default "
                        + DEFAULT_INPUT_SIZE + ", the reference evaluation size)").build());
        o.addOption(Option.builder().longOpt("names").hasArg().argName("MAP")
                .desc("with --weights: name map " + NameMap.ids() + " (default: detected from the file's names)").build());
        o.addOption(Option.builder().longOpt("label-set").hasArg().argName("SET")
                .desc("with --weights: cityscapes19 (default), synthia16 or synthia13").build());
        o.addOption(Option.builder().longOpt("out").hasArg().argName("FILE").required()
                .desc("the ONNX file to write (atomically)").build());
        o.addOption(Option.builder().longOpt("head").hasArg().argName("HEAD")
                .desc("eval (default: the method's evaluation heads), sum (all heads) or a head name (main, aux, c1, c2)").build());
        o.addOption(Option.builder().longOpt("fold-bn").desc("fold batch norms into the convolutions before them").build());
        o.addOption(Option.builder().longOpt("fp16").desc("float16 weights and compute (float32 input and outputs)").build());
        o.addOption(Option.builder().longOpt("opset").hasArg().argName("N")
                .desc("ONNX operator set, " + OnnxModels.MIN_OPSET + ".." + OnnxModels.MAX_OPSET + " (default "
                        + OnnxModels.DEFAULT_OPSET + ")").build());
        return o;
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        ExportOptions options = options(line);
        Path target = Path.of(line.getOptionValue("out"));
        boolean fromWeights = line.hasOption("weights");
        if (fromWeights == line.hasOption("checkpoint")) {
            throw new UsageException("give either --checkpoint DIR or --weights FILE --model ARCH");
        }
        if (!fromWeights) {
            for (String o : WEIGHTS_ONLY) {
                if (line.hasOption(o)) {
                    throw new UsageException("--" + o + " goes with --weights, not --checkpoint");
                }
            }
        }
        OrtEnvironments.get(); // DJL's OnnxRuntime engine first (docs/stack.md ordering pitfall)
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Segmenter segmenter;
            ModelMetadata metadata;
            if (fromWeights) {
                ImportedModel imported = imported(line, manager);
                out.printf("imported %s (sha256 %s): %s%n", imported.weights(), imported.sha256(),
                        imported.report().choicesLine());
                out.printf("  %s%n", imported.report().summary());
                segmenter = imported.segmenter();
                metadata = imported.metadata(options);
            } else {
                TrainedModel trained = TrainedModel.load(Path.of(line.getOptionValue("checkpoint")), manager);
                segmenter = trained.segmenter();
                metadata = trained.metadata(options);
            }
            ModelProto model = OnnxExporter.standard().export(segmenter, options, metadata);
            Map<String, long[]> probe = CheckedModelWriter.write(model, target, segmenter.numClasses(),
                    segmenter.outputStride());
            out.printf("wrote %s (%s, %d nodes, %d parameters, %.1f MB, opset %d, %s)%n", target,
                    segmenter.architecture(), model.getGraph().getNodeCount(),
                    Graphs.parameterCount(model.getGraph()), Files.size(target) / 1e6, options.opset(),
                    options.float16() ? "float16" : "float32");
            out.printf("checked: ONNX Runtime loads it; probe logits %s, labels %s%n",
                    Arrays.toString(probe.get("logits")), Arrays.toString(probe.get("labels")));
            return 0;
        }
    }

    private static ImportedModel imported(CommandLine line, NDManager manager) throws AdaptsegException {
        String architecture = line.getOptionValue("model");
        if (architecture == null) {
            throw new UsageException("--weights needs --model ARCH, one of " + SegmenterRegistry.names());
        }
        if (!SegmenterRegistry.names().contains(architecture)) {
            throw new UsageException("--model: unknown architecture '" + architecture + "', expected one of "
                    + SegmenterRegistry.names());
        }
        ImageSize size = ImageSize.parse("--input-size", line.getOptionValue("input-size", DEFAULT_INPUT_SIZE), 16);
        Optional<NameMap> names;
        try {
            names = line.hasOption("names") ? Optional.of(NameMap.parse(line.getOptionValue("names")))
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--names: " + e.getMessage());
        }
        LabelSet labelSet;
        try {
            labelSet = LabelSet.byId(line.getOptionValue("label-set", "cityscapes19"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--label-set: " + e.getMessage());
        }
        return ImportedModel.load(Path.of(line.getOptionValue("weights")), architecture, labelSet, names, size.width(),
                size.height(), manager);
    }

    static ExportOptions options(CommandLine line) {
        int opset = OnnxModels.DEFAULT_OPSET;
        if (line.hasOption("opset")) {
            try {
                opset = Integer.parseInt(line.getOptionValue("opset"));
                OnnxModels.checkOpset(opset);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--opset: " + (e instanceof NumberFormatException
                        ? "not a number: " + line.getOptionValue("opset") : e.getMessage()));
            }
        }
        return new ExportOptions(line.getOptionValue("head", ExportOptions.EVALUATION_HEADS), line.hasOption("fold-bn"),
                line.hasOption("fp16"), opset);
    }
}
