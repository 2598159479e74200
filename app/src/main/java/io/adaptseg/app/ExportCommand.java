package io.adaptseg.app;

import ai.djl.ndarray.NDManager;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.export.ExportGate;
import io.adaptseg.export.ExportOptions;
import io.adaptseg.export.TrainedModel;
import io.adaptseg.export.onnx.OnnxModels;
import io.adaptseg.export.parity.LabelledDataset;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
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
        return "export a checkpoint's segmenter to ONNX, proven against the checkpoint (parity; exit 3 when it fails)";
    }

    @Override
    public String synopsis() {
        return "--checkpoint DIR --out model.onnx [--head eval|sum|NAME] [--fold-bn] [--fp16] [--opset N]"
                + " [--data DIR [--split val]] [--no-parity]";
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
        o.addOption(Option.builder().longOpt("data").hasArg().argName("DIR")
                .desc("labelled dataset to prove parity on as well (as parity --data)").build());
        o.addOption(Option.builder().longOpt("split").hasArg().argName("NAME").desc("dataset split (default val)").build());
        o.addOption(Option.builder().longOpt("no-parity")
                .desc("skip the parity check (the model is then not proven to match the checkpoint)").build());
        return o;
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        ExportOptions options = options(line);
        Path checkpoint = Path.of(line.getOptionValue("checkpoint"));
        Path target = Path.of(line.getOptionValue("out"));
        boolean checkParity = !line.hasOption("no-parity");
        LabelledDataset data = line.hasOption("data")
                ? LabelledDataset.open(Path.of(line.getOptionValue("data")), line.getOptionValue("split", "val")) : null;
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            TrainedModel trained = TrainedModel.load(checkpoint, manager);
            ExportGate.Outcome outcome = ExportGate.export(trained, options, target, data, checkParity, out::println);
            outcome.summary().forEach(out::println);
            return outcome.rejected() ? ParityCommand.THRESHOLD_FAILED : Main.OK;
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
