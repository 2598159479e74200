package io.adaptseg.train.translator;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.train.checkpoint.Checkpoint;
import io.adaptseg.train.config.RunKind;
import io.adaptseg.train.config.TrainConfig;
import io.adaptseg.train.model.ParameterNames;
import io.adaptseg.train.weights.FileTensor;
import io.adaptseg.train.weights.WeightFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fills the {@link VggEncoder} from a user's VGG-19 file, read by our weights reader (PyTorch
 * {@code .pth}, {@code .npz}, {@code .safetensors}). Two layouts are recognised by their names:
 * <ul>
 *   <li>the AdaIN reference's {@code vgg_normalised.pth} ({@code 0.weight} is a 1×1 convolution from
 *       RGB in [0, 1] to the Caffe VGG's mean-subtracted 0–255 BGR, then {@code 2.weight} …): our names,
 *       loaded as they are; its layers after relu4_1 ({@code 31.*} on) are not used;</li>
 *   <li>torchvision's {@code vgg19} ({@code features.0.weight} …, {@code classifier.*}): its nine
 *       convolutions up to relu4_1 ({@code features.0, 2, 5, 7, 10, 12, 14, 16, 19}) go to ours in
 *       order, and our 1×1 convolution is set to torchvision's input normalisation,
 *       {@code (x - mean) / std} per RGB channel. Padding stays the reference's reflection (torchvision
 *       pads with zeros); the decoder is trained against this encoder, so only border features differ.</li>
 * </ul>
 */
public final class VggWeights {
    /** torchvision's {@code features} indices of the convolutions up to relu4_1. */
    private static final List<String> TORCHVISION = List.of("0", "2", "5", "7", "10", "12", "14", "16", "19");
    private static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    /** What was loaded: the layout found and how many tensors of the file were used. */
    public record Report(Path file, String layout, int used, int unused) {
        public String summary() {
            return String.format(Locale.ROOT, "%s: %s layout, %d tensors loaded into the encoder, %d not used", file,
                    layout, used, unused);
        }
    }

    private VggWeights() {
    }

    /**
     * Copies the VGG-19 weights of {@code file} into {@code encoder} (initialised); any mismatch is an error.
     * A folder is read as a checkpoint of {@code method: vgg-pretrain} or {@code adain} (an {@code iter_<n>}
     * folder, or a snapshot folder whose newest checkpoint is used): its {@code networks/encoder.npz}.
     */
    public static Report load(ConvStack encoder, Path file) throws AdaptsegException {
        if (Files.isDirectory(file)) {
            Path dir = checkpointEncoder(file);
            Report r = load(encoder, dir);
            return new Report(dir, "adaptseg checkpoint, " + r.layout(), r.used(), r.unused());
        }
        Map<String, Parameter> params = ParameterNames.of(encoder);
        NDManager owner = params.values().iterator().next().getArray().getManager();
        Map<String, FileTensor> byName = new HashMap<>();
        try (NDManager scratch = owner.newSubManager(Device.cpu())) {
            for (FileTensor t : WeightFiles.readTensors(file, scratch)) {
                byName.put(t.name(), t);
            }
        }
        Map<String, FileTensor> ours = new HashMap<>();
        String layout;
        if (byName.containsKey("features.0.weight")) {
            layout = "torchvision vgg19";
            for (int i = 0; i < TORCHVISION.size(); i++) {
                for (String kind : List.of("weight", "bias")) {
                    String name = "features." + TORCHVISION.get(i) + "." + kind;
                    ours.put(VggEncoder.CONVOLUTIONS.get(i) + "." + kind, require(byName, name, file, layout));
                }
            }
            set(params.get("0.weight"), file, "normalisation", new long[] {3, 3, 1, 1}, normalisationWeight());
            set(params.get("0.bias"), file, "normalisation", new long[] {3}, normalisationBias());
        } else if (byName.containsKey("0.weight") && Arrays.equals(byName.get("0.weight").shape(), new long[] {3, 3, 1, 1})) {
            layout = "AdaIN vgg_normalised";
            for (String name : params.keySet()) {
                ours.put(name, require(byName, name, file, layout));
            }
        } else {
            throw new AdaptsegException(file + ": not a VGG-19 state dict: expected torchvision's names (features.0.weight"
                    + " ...) or the AdaIN reference's vgg_normalised.pth (0.weight, a 3x3x1x1 convolution, then 2.weight"
                    + " ...); found " + byName.keySet().stream().sorted().limit(6).toList() + (byName.size() > 6 ? " ..." : ""));
        }
        for (var e : ours.entrySet()) {
            FileTensor t = e.getValue();
            if (!t.floating()) {
                throw new AdaptsegException(file + ": tensor '" + t.name() + "' has type " + t.type()
                        + ", expected a floating-point type");
            }
            set(params.get(e.getKey()), file, t.name(), t.shape(), t.values());
        }
        return new Report(file, layout, ours.size(), byName.size() - ours.size());
    }

    /** The encoder file of a translator-side checkpoint; another checkpoint is an error naming its method. */
    private static Path checkpointEncoder(Path folder) throws AdaptsegException {
        Path dir;
        try {
            dir = Checkpoint.resolve(folder);
        } catch (AdaptsegException e) {
            throw new AdaptsegException("vgg: " + folder + " is a folder but no checkpoint of vgg-pretrain or adain ("
                    + e.getMessage() + ")", e);
        }
        Path config = dir.resolve(Checkpoint.CONFIG_FILE);
        String method = Files.isRegularFile(config) ? TrainConfig.readSaved(config, List.of()).run().method() : "unknown";
        if (!RunKind.of(method).trainsTranslator()) {
            throw new AdaptsegException(dir + ": vgg: a checkpoint folder must be of method "
                    + RunKind.ENCODER_PRETRAINING.method() + " or " + RunKind.STYLE_TRANSLATOR.method() + ", found method "
                    + method);
        }
        Path encoderFile = dir.resolve("networks").resolve(Translator.ENCODER + ".npz");
        if (!Files.isRegularFile(encoderFile)) {
            throw new AdaptsegException(dir + ": vgg: checkpoint lacks networks/" + Translator.ENCODER + ".npz");
        }
        return encoderFile;
    }

    private static FileTensor require(Map<String, FileTensor> byName, String name, Path file, String layout)
            throws AdaptsegException {
        FileTensor t = byName.get(name);
        if (t == null) {
            throw new AdaptsegException(file + ": " + layout + " file lacks tensor '" + name + "' (needed up to relu4_1)");
        }
        return t;
    }

    private static void set(Parameter p, Path file, String what, long[] shape, float[] values) throws AdaptsegException {
        long[] want = p.getArray().getShape().getShape();
        if (!Arrays.equals(want, shape)) {
            throw new AdaptsegException(file + ": tensor '" + what + "' has shape " + Arrays.toString(shape)
                    + " but encoder parameter '" + p.getName() + "' needs " + Arrays.toString(want));
        }
        p.getArray().set(values);
    }

    /** diag(1 / std): torchvision's normalisation as the 1×1 convolution's weight (out, in, 1, 1). */
    static float[] normalisationWeight() {
        float[] w = new float[9];
        for (int c = 0; c < 3; c++) {
            w[4 * c] = 1f / IMAGENET_STD[c];
        }
        return w;
    }

    /** -mean / std per channel. */
    static float[] normalisationBias() {
        float[] b = new float[3];
        for (int c = 0; c < 3; c++) {
            b[c] = -IMAGENET_MEAN[c] / IMAGENET_STD[c];
        }
        return b;
    }

    /** The tensor names a file of {@code layout} would hold for our encoder, for tests and docs. */
    public static List<String> torchvisionNames() {
        List<String> out = new ArrayList<>();
        for (String i : TORCHVISION) {
            out.add("features." + i + ".weight");
            out.add("features." + i + ".bias");
        }
        return out;
    }
}
