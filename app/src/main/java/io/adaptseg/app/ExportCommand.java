package io.adaptseg.app;

import io.adaptseg.train.device.TrainingDevice;
import io.adaptseg.train.device.DeviceAvailability;
import ai.djl.ndarray.NDManager;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.OutputPaths;
import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.export.ExportGate;
import io.adaptseg.export.ExportOptions;
import io.adaptseg.export.ExportRequest;
import io.adaptseg.export.ImportedModel;
import io.adaptseg.export.OwnWeights;
import io.adaptseg.export.TrainedModel;
import io.adaptseg.export.translator.TranslatorExporter;
import io.adaptseg.train.translator.TranslatorCheckpoint;
import io.adaptseg.export.calibration.CalibrationImages;
import io.adaptseg.export.calibration.CalibrationMethod;
import io.adaptseg.export.int8.Int8Options;
import io.adaptseg.export.onnx.OnnxModels;
import io.adaptseg.export.parity.LabelledDataset;
import io.adaptseg.train.model.SegmenterRegistry;
import io.adaptseg.train.weights.NameMap;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code adaptseg export}: a training checkpoint, or a weight file with its architecture (a published
 * PyTorch checkpoint: no training needed), → a checked ONNX model following the contract.
 */
final class ExportCommand implements Command {
    static final OptionSpec<Path> WEIGHTS = OptionSpec.of("weights", "FILE", Parsers.PATH,
            "instead of --checkpoint: a weight file (.pth/.pt/.pkl from PyTorch, .npz, .safetensors), e.g. a"
                    + " published checkpoint; every parameter must come from it");
    static final OptionSpec<NameMap> NAMES = OptionSpec.of("names", "MAP", Parsers.choice(NameMap::parse),
            "with --weights: name map " + NameMap.ids() + " (default: detected from the file's names)");
    static final OptionSpec<String> ARCHITECTURE = OptionSpec.of("architecture", "NAME",
            Parsers.choice(ExportCommand::architecture),
            "with --weights: the architecture, e.g. deeplabv2-r101-multi, deeplabv2-r101-clan, deeplabv3plus-r101");
    /** The reference evaluation input size of AdaptSegNet and CLAN (Cityscapes at half resolution). */
    private static final OptionSpec<ImageSize> INPUT_SIZE = OptionSpec.of("input-size", "WxH", Parsers.size(16),
            "with --weights: the input size the runtime resizes images to (the reference evaluation size)")
            .withDefault(new ImageSize(1024, 512));
    static final OptionSpec<LabelSet> LABEL_SET = OptionSpec.of("label-set", "SET",
            Parsers.choice(LabelSet::byId), "with --weights: cityscapes19, synthia16 or synthia13")
            .withDefault(LabelSet.CITYSCAPES19, "cityscapes19");
    private static final OptionSpec<Path> OUT = OptionSpec.of("out", "FILE", Parsers.PATH,
            "the ONNX file to write (atomically)").required();
    private static final OptionSpec<String> HEAD = OptionSpec.of("head", "HEAD", Parsers.TEXT,
            "eval (the method's evaluation heads), sum (all heads) or a head name (main, aux, c1, c2)")
            .withDefault(ExportOptions.EVALUATION_HEADS);
    private static final Flag FOLD_BN = new Flag("fold-bn", "fold batch norms into the convolutions before them");
    private static final Flag FP16 = new Flag("fp16", "float16 weights and compute (float32 input and outputs)");
    private static final OptionSpec<Integer> OPSET = OptionSpec.of("opset", "N", ExportCommand::opset,
            "ONNX operator set, " + OnnxModels.MIN_OPSET + ".." + OnnxModels.MAX_OPSET)
            .withDefault(OnnxModels.DEFAULT_OPSET);
    private static final OptionSpec<Path> DATA = OptionSpec.of("data", "DIR", Parsers.PATH,
            "labelled dataset to prove parity on as well (as parity --data)");
    private static final OptionSpec<Path> FP16_CHECK = OptionSpec.of("fp16-check", "DIR", Parsers.PATH,
            "calibration images (Cityscapes leftImg8bit/, images/ or any PNG folder): report every activation of the"
                    + " float32 model above 65504 or within 2x of it, and record the result in the model");
    /** Enough images to see the bright and dark ends of a dataset, few enough to stay a minute on a CPU. */
    private static final OptionSpec<Integer> FP16_IMAGES = OptionSpec.of("fp16-images", "N", Parsers.integer(1),
            "with --fp16-check (or --fp16 --data): how many images, spread over the folder").withDefault(8);
    private static final Flag INT8 = new Flag("int8", "statically quantised int8 model in QDQ form (int8 per-channel"
            + " weights, activations calibrated on --calibration DIR); held to the int8 parity thresholds");
    private static final OptionSpec<Path> CALIBRATION = OptionSpec.of("calibration", "DIR", Parsers.PATH,
            "with --int8: calibration images (Cityscapes leftImg8bit/, images/ or any PNG folder), run through the"
                    + " model's own preprocessing");
    /** Enough images for stable ranges on the demo data, few enough for a minute on a CPU at 512x1024. */
    private static final OptionSpec<Integer> CALIBRATION_IMAGES = OptionSpec.of("calibration-images", "N",
            Parsers.integer(1), "with --int8: how many calibration images, spread over the folder").withDefault(16);
    private static final OptionSpec<CalibrationMethod> CALIBRATION_METHOD = OptionSpec.of("calibration-method",
            "METHOD", Parsers.choice(CalibrationMethod::byId),
            "with --int8: minmax, entropy (KL divergence) or percentile").withDefault(CalibrationMethod.PERCENTILE,
            "percentile");
    private static final OptionSpec<Double> PERCENTILE = OptionSpec.of("percentile", "P", ExportCommand::percentile,
            "with --calibration-method percentile: the percentile of |x| kept").withDefault(
            Int8Options.DEFAULT_PERCENTILE);
    private static final OptionSpec<String> INT8_ACTIVATIONS = OptionSpec.of("int8-activations", "TYPE",
            Parsers.choice(ExportCommand::activations), "with --int8: uint8 (asymmetric, fastest on x86 CPUs) or int8"
                    + " (symmetric, zero point 0, what TensorRT wants)").withDefault("uint8");
    private static final List<OptionSpec<?>> INT8_ONLY = List.of(CALIBRATION, CALIBRATION_IMAGES, CALIBRATION_METHOD,
            PERCENTILE, INT8_ACTIVATIONS);
    private static final Flag NO_PARITY = new Flag("no-parity",
            "skip the parity check (the model is then not proven to match its checkpoint or weights)");
    private static final Flag TRANSLATOR = new Flag("translator", "of a checkpoint trained with joint-translator:"
            + " export its jointly trained style translator instead of its segmenter");
    private static final OptionSpec<TrainingDevice> DEVICE = CommonOptions.DEVICE_OR_CPU;
    private static final List<OptionSpec<?>> WEIGHTS_ONLY = List.of(ARCHITECTURE, INPUT_SIZE, NAMES, LABEL_SET);

    @Override
    public String name() {
        return "export";
    }

    @Override
    public String summary() {
        return "export a checkpoint's segmenter, or a weight file such as a published .pth, to ONNX, proven against"
                + " it (parity; exit 3 when it fails)";
    }

    @Override
    public String synopsis() {
        return "(--checkpoint DIR | --weights FILE --architecture NAME [--input-size WxH] [--names MAP] [--label-set SET])"
                + " --out model.onnx [--head eval|sum|NAME] [--fold-bn] [--fp16] [--opset N] [--data DIR [--split val]]"
                + " [--fp16-check DIR] [--fp16-images N] [--int8 --calibration DIR [--calibration-images N]"
                + " [--calibration-method minmax|entropy|percentile] [--percentile P] [--int8-activations uint8|int8]]"
                + " [--no-parity] [--translator] [--device cpu|gpu|gpu:N]";
    }

    @Override
    public Options options() {
        return OptionList.of(CommonOptions.CHECKPOINT, WEIGHTS, ARCHITECTURE, INPUT_SIZE, NAMES, LABEL_SET, OUT, HEAD,
                FOLD_BN, FP16, OPSET, DATA, CommonOptions.SPLIT, FP16_CHECK, FP16_IMAGES, INT8, CALIBRATION,
                CALIBRATION_IMAGES, CALIBRATION_METHOD, PERCENTILE, INT8_ACTIVATIONS, NO_PARITY, TRANSLATOR, DEVICE);
    }

    private static String architecture(String name) {
        if (!SegmenterRegistry.names().contains(name)) {
            throw new IllegalArgumentException("unknown architecture '" + name + "', expected one of "
                    + SegmenterRegistry.names());
        }
        return name;
    }

    private static double percentile(String text) {
        double p;
        try {
            p = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number in (50, 100], found '" + text + "'");
        }
        if (!(p > 50 && p <= 100)) {
            throw new IllegalArgumentException("must be a number in (50, 100], found '" + text + "'");
        }
        return p;
    }

    private static String activations(String text) {
        if (!text.equals("uint8") && !text.equals("int8")) {
            throw new IllegalArgumentException("unknown activation type '" + text + "', expected uint8 or int8");
        }
        return text;
    }

    /**
     * The int8 quantisation asked for, or null; checks that its options come together.
     *
     * @throws UsageException when --int8 lacks --calibration, meets --fp16, or an int8 option comes alone
     */
    private static Int8Options int8(CommandLine line) throws AdaptsegException {
        if (!INT8.given(line)) {
            for (OptionSpec<?> o : INT8_ONLY) {
                if (o.given(line)) {
                    throw new UsageException("--" + o.name() + " goes with --int8");
                }
            }
            return null;
        }
        if (FP16.given(line)) {
            throw new UsageException("--int8 and --fp16 exclude each other: a model is quantised to int8 or converted"
                    + " to float16, not both");
        }
        if (!CALIBRATION.given(line)) {
            throw new UsageException("--int8 needs --calibration DIR: the images its activation ranges are measured on");
        }
        // every value is parsed (a usage error) before the folder is read (a file error)
        CalibrationMethod method = CALIBRATION_METHOD.value(line);
        if (PERCENTILE.given(line) && method != CalibrationMethod.PERCENTILE) {
            throw new UsageException("--percentile goes with --calibration-method percentile");
        }
        double percentile = PERCENTILE.value(line);
        boolean unsigned = INT8_ACTIVATIONS.value(line).equals("uint8");
        int count = CALIBRATION_IMAGES.value(line);
        CalibrationImages images = CalibrationImages.choose("--calibration", CALIBRATION.value(line), count);
        return new Int8Options(images, method, percentile, unsigned, true);
    }

    private static int opset(String text) {
        int opset = Parsers.integer(1).parse(text);
        OnnxModels.checkOpset(opset);
        return opset;
    }

    /**
     * The float16 range check's images: {@code --fp16-check DIR}, or with {@code --fp16} the parity
     * dataset's images, so that a float16 export reports its range whenever it has images to run.
     */
    private static CalibrationImages calibration(CommandLine line, LabelledDataset data, PrintStream out)
            throws AdaptsegException {
        if (FP16_CHECK.given(line)) {
            return CalibrationImages.choose("--fp16-check", FP16_CHECK.value(line), FP16_IMAGES.value(line));
        }
        if (FP16.given(line) && data != null) {
            return CalibrationImages.spread("--data", data.root(), data.samples(), FP16_IMAGES.value(line));
        }
        if (FP16.given(line)) {
            out.println("note: float16 activation range not checked; give --fp16-check DIR (images) to report"
                    + " activations above float16's 65504");
        }
        return null;
    }

    /**
     * An adain checkpoint, or with --translator the jointly trained decoder of a joint-translator run: the
     * style translator's graph (docs/style-transfer.md); segmenter options do not apply.
     */
    private static int translator(CommandLine line, Path target, PrintStream out) throws AdaptsegException {
        for (OptionSpec<?> o : List.of(HEAD, OPSET, DATA, FP16_CHECK, FP16_IMAGES)) {
            if (o.given(line)) {
                throw new UsageException("--" + o.name() + " applies to segmenters, not to an adain translator checkpoint");
            }
        }
        if (FOLD_BN.given(line) || FP16.given(line) || INT8.given(line) || NO_PARITY.given(line)
                || CommonOptions.SPLIT.given(line)) {
            throw new UsageException("--fold-bn, --fp16, --int8 (and its calibration options), --no-parity and --split"
                    + " apply to segmenters, not to an adain translator checkpoint");
        }
        OutputPaths.requireOutsideInputs("--out", target, inputs(line));
        TranslatorExporter.write(CommonOptions.CHECKPOINT.value(line), target);
        out.println("exported the AdaIN style translator to " + target + ": inputs " + TranslatorExporter.CONTENT + ", "
                + TranslatorExporter.STYLE + " (RGB in [0, 1]) and " + TranslatorExporter.ALPHA + "; output "
                + TranslatorExporter.OUTPUT + " (RGB in [0, 255])");
        return Main.OK;
    }

    /** Every file and folder the export reads, by option: --out must be none of them and lie in none. */
    private static Map<String, Path> inputs(CommandLine line) {
        Map<String, Path> inputs = new LinkedHashMap<>();
        for (OptionSpec<Path> o : List.of(CommonOptions.CHECKPOINT, WEIGHTS, DATA, FP16_CHECK, CALIBRATION)) {
            o.optional(line).ifPresent(p -> inputs.put("--" + o.name(), p));
        }
        return inputs;
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException {
        Path target = OUT.value(line);
        TrainingDevice device = DEVICE.value(line);
        DeviceAvailability.require(device, "--device"); // before any file is read or written
        boolean fromWeights = WEIGHTS.given(line);
        if (fromWeights == CommonOptions.CHECKPOINT.given(line)) {
            throw new UsageException("give either --checkpoint DIR or --weights FILE --architecture NAME");
        }
        if (fromWeights && !ARCHITECTURE.given(line)) {
            throw new UsageException("--weights needs --architecture NAME, one of " + SegmenterRegistry.names());
        }
        for (OptionSpec<?> o : WEIGHTS_ONLY) {
            if (!fromWeights && o.given(line)) {
                throw new UsageException("--" + o.name() + " goes with --weights, not --checkpoint");
            }
        }
        if (FP16_IMAGES.given(line) && !FP16_CHECK.given(line) && !(FP16.given(line) && DATA.given(line))) {
            throw new UsageException("--fp16-images goes with --fp16-check DIR (or --fp16 --data DIR)");
        }
        OutputPaths.requireWritableFile(target, "--out");
        if (TRANSLATOR.given(line) && fromWeights) {
            throw new UsageException("--translator goes with --checkpoint DIR of a run trained with joint-translator");
        }
        if (TRANSLATOR.given(line) || !fromWeights && TranslatorCheckpoint.isTranslator(CommonOptions.CHECKPOINT.value(line))) {
            return translator(line, target, out);
        }
        // after the translator's branch, which refuses --int8 before its calibration folder is read
        Int8Options int8 = int8(line);
        OutputPaths.requireOutsideInputs("--out", target, inputs(line)); // after the usage errors, as the translator does
        // int8 always folds batch norms (the recorded options say so)
        ExportOptions options = new ExportOptions(HEAD.value(line), FOLD_BN.given(line) || int8 != null,
                FP16.given(line), OPSET.value(line));
        LabelledDataset data = DATA.given(line)
                ? LabelledDataset.open(DATA.value(line), CommonOptions.SPLIT.value(line)) : null;
        CalibrationImages fp16Check = calibration(line, data, out);
        try (NDManager manager = NDManager.newBaseManager(device.djl(), "PyTorch")) {
            ExportRequest request;
            // adaptseg's own G.npz is built as the checkpoint around it says, not as a published file
            Path own = fromWeights ? OwnWeights.checkpointOf(WEIGHTS.value(line)).orElse(null) : null;
            if (fromWeights && own == null) {
                ImageSize size = INPUT_SIZE.value(line);
                ImportedModel imported = ImportedModel.load(WEIGHTS.value(line), ARCHITECTURE.value(line),
                        LABEL_SET.value(line), NAMES.optional(line), size.width(), size.height(), manager);
                out.printf("imported %s (sha256 %s): %s%n", imported.weights(), imported.sha256(),
                        imported.report().choicesLine());
                out.printf("  %s%n", imported.report().summary());
                request = ExportRequest.of(imported, options, target);
            } else {
                TrainedModel trained = own != null
                        ? OwnWeights.load(WEIGHTS.value(line), own, ARCHITECTURE.value(line), manager)
                        : TrainedModel.load(CommonOptions.CHECKPOINT.value(line), manager);
                if (own != null) {
                    out.println(OwnWeights.note(WEIGHTS.value(line), own));
                }
                request = ExportRequest.of(trained, options, target);
            }
            ExportGate.Outcome outcome = ExportGate.export(request.withData(data).withFp16Check(fp16Check)
                    .withInt8(int8).withParity(!NO_PARITY.given(line)), out::println);
            outcome.summary().forEach(out::println);
            return outcome.rejected() ? ParityCommand.THRESHOLD_FAILED : Main.OK;
        }
    }
}
