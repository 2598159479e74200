package io.adaptseg.app;

import ai.djl.ndarray.NDManager;
import ai.onnx.proto.OnnxMl.ModelProto;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.OutputPaths;
import io.adaptseg.export.CheckedModelWriter;
import io.adaptseg.export.ExportOptions;
import io.adaptseg.export.OnnxExporter;
import io.adaptseg.export.TrainedModel;
import io.adaptseg.export.onnx.Graphs;
import io.adaptseg.export.onnx.OnnxModels;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code adaptseg export}: a training checkpoint → a checked ONNX model following the contract. */
final class ExportCommand implements Command {
    @Override
    public String name() {
        return "export";
    }

    @Override
    public String summary() {
        return "export a checkpoint's segmenter to ONNX (checked with ONNX Runtime before success)";
    }

    @Override
    public String synopsis() {
        return "--checkpoint DIR --out model.onnx [--head eval|sum|NAME] [--fold-bn] [--fp16] [--opset N]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("checkpoint").hasArg().argName("DIR").required()
                .desc("checkpoint directory (iter_<n>/, or a snapshot dir: its newest checkpoint)").build());
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
        Path checkpoint = Path.of(line.getOptionValue("checkpoint"));
        Path target = Path.of(line.getOptionValue("out"));
        OutputPaths.requireWritableFile(target, "--out");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            TrainedModel trained = TrainedModel.load(checkpoint, manager);
            ModelProto model = OnnxExporter.standard().export(trained.segmenter(), options, trained.metadata(options));
            Map<String, long[]> probe = CheckedModelWriter.write(model, target, trained.segmenter().numClasses(),
                    trained.segmenter().outputStride());
            out.printf("wrote %s (%s, %d nodes, %d parameters, %.1f MB, opset %d, %s)%n", target,
                    trained.segmenter().architecture(), model.getGraph().getNodeCount(),
                    Graphs.parameterCount(model.getGraph()), Files.size(target) / 1e6, options.opset(),
                    options.float16() ? "float16" : "float32");
            out.printf("checked: ONNX Runtime loads it; probe logits %s, labels %s%n",
                    Arrays.toString(probe.get("logits")), Arrays.toString(probe.get("labels")));
            return 0;
        }
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
