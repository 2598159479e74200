package io.adaptseg.app;

import io.adaptseg.train.device.TrainingDevice;
import io.adaptseg.train.device.DeviceAvailability;
import ai.djl.ndarray.NDManager;
import ai.onnx.proto.OnnxMl.ModelProto;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.AtomicFiles;
import io.adaptseg.core.io.OutputPaths;
import io.adaptseg.core.model.ModelMetadata;
import io.adaptseg.export.ExportOptions;
import io.adaptseg.export.HeadSelection;
import io.adaptseg.export.ImportedModel;
import io.adaptseg.export.OwnWeights;
import io.adaptseg.export.TrainedModel;
import io.adaptseg.export.metadata.Provenance;
import io.adaptseg.export.onnx.OnnxModels;
import io.adaptseg.export.parity.DatasetResult;
import io.adaptseg.export.parity.LabelledDataset;
import io.adaptseg.export.parity.Parity;
import io.adaptseg.export.parity.ParityReport;
import io.adaptseg.export.parity.ParityThresholds;
import io.adaptseg.export.parity.Precision;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.weights.NameMap;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
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
                + " [--report FILE] [--device cpu|gpu|gpu:N]";
    }

    private static final OptionSpec<Path> WEIGHTS = ExportCommand.WEIGHTS;
    private static final OptionSpec<NameMap> NAMES = ExportCommand.NAMES;
    private static final OptionSpec<List<ImageSize>> SIZES = OptionSpec.of("sizes", "WxH,...", Parsers.sizes(1),
            "random input sizes").withDefault(List.of(new ImageSize(1024, 512), new ImageSize(512, 256)),
            "1024x512,512x256");
    private static final OptionSpec<Integer> BATCH = CommonOptions.BATCH.withDefault(2);
    private static final OptionSpec<Path> DATA = OptionSpec.of("data", "DIR", Parsers.PATH,
            "labelled dataset: leftImg8bit/<split> + gtFine/<split> (Cityscapes) or images/ + labels/"
                    + " (trainIds); scored through DJL, ONNX Runtime and the edge runtime");
    private static final OptionSpec<Path> REPORT = OptionSpec.of("report", "FILE", Parsers.PATH,
            "JSON report (default: <model>.parity.json)");

    @Override
    public Options options() {
        return OptionList.of(CommonOptions.CHECKPOINT, WEIGHTS, NAMES, CommonOptions.MODEL, SIZES, BATCH, DATA,
                CommonOptions.SPLIT, REPORT, CommonOptions.DEVICE_OR_CPU);
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        if (ExportCommand.WEIGHTS.given(line) == CommonOptions.CHECKPOINT.given(line)) {
            throw new UsageException("give either --checkpoint DIR or --weights FILE");
        }
        TrainingDevice device = CommonOptions.DEVICE_OR_CPU.value(line);
        DeviceAvailability.require(device, "--device"); // before any file is read or written
        List<int[]> sizes = heightWidth(SIZES.value(line));
        int batch = BATCH.value(line);
        Path modelFile = RuntimeOptions.model(line);
        Path report = REPORT.optional(line).orElse(Path.of(modelFile + ".parity.json"));
        OutputPaths.requireWritableFile(report, REPORT.given(line) ? "--report" : "the parity report (--report)");
        LabelledDataset data = DATA.optional(line).isPresent()
                ? LabelledDataset.open(DATA.value(line), CommonOptions.SPLIT.value(line)) : null;
        ModelProto model = OnnxModels.read(modelFile);
        ModelMetadata metadata = ModelMetadata.fromProperties(modelFile.toString(), OnnxModels.metadata(model));
        // the graph says what it computes in: each precision has its own thresholds
        Precision precision = Precision.of(model);
        if (precision == Precision.INT8 && data == null) {
            throw new UsageException("an int8 model is judged on real images, not random ones (they lie outside the"
                    + " ranges it was calibrated on): give --data DIR");
        }
        String head;
        try {
            head = Provenance.fromJson(metadata.origin().provenanceJson()).export()
                    .getOrDefault("head", ExportOptions.EVALUATION_HEADS);
        } catch (IOException e) {
            throw new AdaptsegException(modelFile + ": unreadable provenance JSON (" + e.getMessage() + ")", e);
        }
        try (NDManager manager = NDManager.newBaseManager(device.djl(), "PyTorch")) {
            Segmenter segmenter;
            String source;
            Path own = WEIGHTS.given(line) ? OwnWeights.checkpointOf(WEIGHTS.value(line)).orElse(null) : null;
            if (WEIGHTS.given(line) && own == null) {
                ImportedModel imported = ImportedModel.load(WEIGHTS.value(line), metadata.origin().architecture(),
                        metadata.labelSet(), NAMES.optional(line), metadata.inputWidth(), metadata.inputHeight(), manager);
                segmenter = imported.segmenter();
                source = imported.weights().toString();
            } else {
                // adaptseg's own G.npz: compared against the network its checkpoint built, not the reference variant
                TrainedModel trained = own != null
                        ? OwnWeights.load(WEIGHTS.value(line), own, metadata.origin().architecture(), manager)
                        : TrainedModel.load(CommonOptions.CHECKPOINT.value(line), manager);
                if (own != null) {
                    out.println(OwnWeights.note(WEIGHTS.value(line), own));
                }
                if (!trained.segmenter().architecture().equals(metadata.origin().architecture())) {
                    out.printf("warning: checkpoint is %s, model says %s%n", trained.segmenter().architecture(),
                            metadata.origin().architecture());
                }
                segmenter = trained.segmenter();
                source = trained.checkpoint().toString();
            }
            // DJL and the graph are fed with the family's normalisation; the runtime reads the metadata's
            try (Parity parity = new Parity(segmenter, HeadSelection.heads(segmenter, head),
                    modelFile, segmenter.normalization(), ParityThresholds.forPrecision(precision))) {
                DatasetResult dataset = null;
                if (data != null) {
                    out.println("dataset: " + data.samples().size() + " images in " + data.root() + " (" + data.layout() + ")");
                    dataset = parity.compareDataset(data, metadata.labelSet(), metadata.inputHeight(),
                            metadata.inputWidth(), out::println);
                }
                ParityReport result = parity.run(source, sizes, batch, precision, dataset);
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
}
